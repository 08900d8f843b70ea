import { BadRequestException, Injectable, type PipeTransform } from '@nestjs/common';

/** Path ids (`:id`, `:userId`): a positive 32-bit integer, else a 400 that names the parameter. */
@Injectable()
export class IdParamPipe implements PipeTransform<string, number> {
  constructor(private readonly name = 'id') {}

  transform(value: string): number {
    const n = Number(value);
    if (!/^\d{1,10}$/.test(value) || n < 1 || n > 2_147_483_647) {
      throw new BadRequestException(`${this.name} must be a positive integer`);
    }
    return n;
  }
}
