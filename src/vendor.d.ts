// Types for the one file of seedrandom segmentkit uses (its package types cover only the index).
declare module 'seedrandom/lib/alea.js' {
  /** seedrandom's Alea generator: `double()` gives 53-bit uniforms in [0, 1). */
  interface AleaPrng {
    (): number;
    double(): number;
    int32(): number;
    quick(): number;
  }
  const alea: (seed: string) => AleaPrng;
  export default alea;
}
