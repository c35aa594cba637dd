/**
 * Compile-time checks that a zod schema gives exactly the plain type the domain owns, so the two
 * cannot drift apart: `type _SameX = Assert<Same<z.infer<typeof X>, DomainX>>` fails to compile
 * when a field, an optional mark or a word of a list differs. Mutual assignability would not do:
 * it lets an optional field pass for a required one.
 */
export type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/** Compiles only for `true`. */
export type Assert<T extends true> = T;
