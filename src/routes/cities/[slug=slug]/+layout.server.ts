// Every public page of a city: the city, found once for the page and everything it shows.
import type { LayoutServerLoad } from './$types';
import { cityOf } from './city.server.ts';

export const load: LayoutServerLoad = async (event) => ({ city: await cityOf(event) });
