import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A login session. `id` is the SHA-256 of the bearer token, so a database leak yields no usable token. */
@Entity('sessions')
export class Session {
  @PrimaryColumn('text')
  id: string;

  @Column('integer', { name: 'user_id' })
  userId: number;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column('timestamptz', { name: 'expires_at' })
  expiresAt: Date;

  @Column('timestamptz', { name: 'revoked_at', nullable: true })
  revokedAt: Date | null;

  @Column('text', { nullable: true })
  ip: string | null;

  @Column('text', { name: 'user_agent', nullable: true })
  userAgent: string | null;
}
