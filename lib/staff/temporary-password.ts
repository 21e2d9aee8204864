import { randomInt } from "node:crypto";

// Letters and digits that cannot be mistaken for one another when read aloud or copied by
// hand: no 0/O/o, 1/l/I/i.
const READABLE = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
const GROUPS = 3;
const GROUP_LENGTH = 4;

/**
 * A temporary password such as `k7Qm-x3Fw-Rt9p`: 12 random characters from 54 (about 69 bits,
 * from the operating system's cryptographic generator) in groups of four, easy to pass on.
 */
export function generateTemporaryPassword(): string {
  const groups: string[] = [];
  for (let g = 0; g < GROUPS; g++) {
    let group = "";
    for (let c = 0; c < GROUP_LENGTH; c++) group += READABLE[randomInt(READABLE.length)];
    groups.push(group);
  }
  return groups.join("-");
}
