/**
 * Approximate geographic centres of countries, as [latitude, longitude] in
 * degrees, keyed by the ISO 3166-1 alpha-2 codes the GeoLite2 country
 * database returns. Rounded to whole degrees: impossible-travel checks
 * compare distances of hundreds of kilometres, so a centre a degree off
 * (about 110 km) changes nothing. Countries missing here are not judged.
 */
export const COUNTRY_CENTROIDS: Readonly<Record<string, readonly [number, number]>> = {
  AE: [24, 54],
  AR: [-34, -64],
  AT: [47, 14],
  AU: [-25, 134],
  BD: [24, 90],
  BE: [51, 4],
  BG: [43, 25],
  BR: [-10, -53],
  BY: [53, 28],
  CA: [60, -96],
  CH: [47, 8],
  CL: [-30, -71],
  CN: [35, 104],
  CO: [4, -73],
  CZ: [50, 15],
  DE: [51, 10],
  DK: [56, 10],
  DZ: [28, 3],
  EE: [59, 26],
  EG: [27, 30],
  ES: [40, -4],
  FI: [64, 26],
  FR: [46, 2],
  GB: [54, -2],
  GR: [39, 22],
  HK: [22, 114],
  HR: [45, 16],
  HU: [47, 19],
  ID: [-2, 118],
  IE: [53, -8],
  IL: [31, 35],
  IN: [22, 79],
  IQ: [33, 44],
  IR: [32, 53],
  IS: [65, -19],
  IT: [43, 12],
  JP: [36, 138],
  KE: [0, 38],
  KR: [36, 128],
  KZ: [48, 68],
  LT: [55, 24],
  LU: [50, 6],
  LV: [57, 25],
  MA: [32, -6],
  MD: [47, 29],
  MX: [23, -102],
  MY: [4, 102],
  NG: [9, 8],
  NL: [52, 5],
  NO: [61, 9],
  NZ: [-41, 174],
  PE: [-10, -76],
  PH: [13, 122],
  PK: [30, 70],
  PL: [52, 19],
  PT: [40, -8],
  RO: [46, 25],
  RS: [44, 21],
  RU: [61, 97],
  SA: [24, 45],
  SE: [62, 15],
  SG: [1, 104],
  SK: [49, 19],
  SI: [46, 15],
  TH: [15, 101],
  TR: [39, 35],
  TW: [24, 121],
  UA: [49, 32],
  US: [39, -98],
  VE: [7, -66],
  VN: [16, 107],
  ZA: [-29, 25],
};

const EARTH_RADIUS_KM = 6371;

function radians(degrees: number): number {
  return (degrees * Math.PI) / 180;
}

/** Returns the great-circle distance in kilometres between two [latitude, longitude] points (haversine). */
export function distanceKm(a: readonly [number, number], b: readonly [number, number]): number {
  const dLat = radians(b[0] - a[0]);
  const dLon = radians(b[1] - a[1]);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(radians(a[0])) * Math.cos(radians(b[0])) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Returns the distance between two countries' centres, or null when either is not in the table. */
export function countryDistanceKm(from: string, to: string): number | null {
  const a = COUNTRY_CENTROIDS[from];
  const b = COUNTRY_CENTROIDS[to];
  return a === undefined || b === undefined ? null : distanceKm(a, b);
}
