import { describe, expect, it } from 'vitest';
import { hoistChunkHashMap } from './hoist-chunk-map.ts';

const runtime = 'o.p="/",o.u=e=>"assets/js/"+e+"."+({"003cb420":"3dc094e5","main":"0058b4c6"})[e]+".js",o.miniCssF=e=>""+e+".css";';

describe('hoistChunkHashMap', () => {
  it('builds the map once and keeps every file name the same', () => {
    const hoisted = hoistChunkHashMap(runtime)!;
    expect(hoisted).toBe('o.p="/",o.u=(kbChunkHash=>e=>"assets/js/"+e+"."+kbChunkHash[e]+".js")({"003cb420":"3dc094e5","main":"0058b4c6"}),o.miniCssF=e=>""+e+".css";');
    const u = (code: string) => new Function(`const o={};${code};return o.u;`)() as (id: string) => string;
    for (const id of ['003cb420', 'main', 'missing']) expect(u(hoisted)(id)).toBe(u(runtime)(id));
  });

  it('is undefined when the function has another shape', () => {
    expect(hoistChunkHashMap('o.u=e=>"assets/js/"+e+".js"')).toBeUndefined();
    expect(hoistChunkHashMap('')).toBeUndefined();
  });
});
