export declare const FNV_OFFSET: number;
export declare const FNV_PRIME: number;
export declare function fnv1aStep(h: number, code: number): number;
export declare function fnv1a(input: string | Uint8Array, seed?: number): number;
export declare function fnv1aHex(input: string | Uint8Array, seed?: number): string;
