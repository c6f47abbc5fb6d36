import type { RegistryLayer } from './service';
import local from '../../data/registry/local.json';
import national from '../../data/registry/national.json';
import guandu from '../../data/registry/regions/guandu.json';
import jiyuan from '../../data/registry/regions/jiyuan.json';
import nantong from '../../data/registry/regions/nantong.json';
import xiamen from '../../data/registry/regions/xiamen.json';

/**
 * The built-in registry layers from data/registry/, bundled into the server
 * and the CLI at build time (so the service itself reads no files). A new
 * built-in region preset is added to data/registry/regions/ and listed here;
 * users add theirs in the workspace registry file instead.
 */
export const BUILTIN_REGISTRY: RegistryLayer[] = [national, local, xiamen, guandu, jiyuan, nantong] as RegistryLayer[];
