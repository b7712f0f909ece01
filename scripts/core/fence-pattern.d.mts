export declare const frontMatterFence: RegExp;
