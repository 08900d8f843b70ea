/** This process's instance id (host:pid:random), the same for every job it runs. */
export const INSTANCE_ID = Symbol('INSTANCE_ID');
