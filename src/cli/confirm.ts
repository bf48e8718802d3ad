import { createInterface } from 'node:readline/promises';
import type { CliIO } from './io.js';

/** Asks on the terminal; only the exact answer `yes` confirms (as Terraform does). */
export async function confirm(io: CliIO, question: string): Promise<boolean> {
  const rl = createInterface({ input: io.stdin, output: io.stdout });
  try {
    const answer = await rl.question(`${question}\n  Only 'yes' will be accepted to approve.\n\n  Enter a value: `);
    return answer.trim() === 'yes';
  } finally {
    rl.close();
  }
}
