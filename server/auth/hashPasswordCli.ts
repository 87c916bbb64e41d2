/** `npm run hash-password -- <password>`: prints a passwordHash for the hall configuration. */
import { hashPassword } from './passwords.js';

const password = process.argv[2];
if (!password) {
  console.error('usage: npm run hash-password -- <password>');
  process.exit(2);
}
console.log(await hashPassword(password));
