export declare const FRONT_MATTER: RegExp;
export declare function mayHaveH1(body: string): boolean;
export declare function runMirrorBody(text: string): string | undefined;
