import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, Length, Matches, MaxLength } from 'class-validator';
import type { RegisterRequest } from '@league/contracts';

export class RegisterDto implements RegisterRequest {
  @ApiProperty({ example: 'jane_doe', description: '3-32 letters, digits, "_", "-" or "."' })
  @IsString()
  @Matches(/^[A-Za-z0-9_.-]{3,32}$/, { message: 'username must be 3-32 letters, digits, "_", "-" or "."' })
  username: string;

  @ApiProperty({ example: 'jane@example.com' })
  @IsEmail({}, { message: 'email must be a valid email address' })
  @MaxLength(254)
  email: string;

  @ApiProperty({ minLength: 8, maxLength: 200 })
  @IsString()
  @Length(8, 200, { message: 'password must be 8 to 200 characters' })
  password: string;
}
