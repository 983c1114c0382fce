// Node 20 has no `Symbol.metadata`. TypeScript and esbuild both emit code that reads
// `Symbol.metadata` when a class has decorators, so it must exist before any decorated class is
// defined. This is the polyfill TypeScript's release notes recommend: define it once, globally.
const symbolCtor = Symbol as unknown as { metadata?: symbol };
symbolCtor.metadata ??= Symbol.for('Symbol.metadata');

export {};
