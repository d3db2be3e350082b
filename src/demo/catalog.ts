import { Rng, WeightedPicker } from './random';

export interface Product {
  id: string;
  name: string;
  category: string;
  price: number;
  /** Relative popularity (Zipf over a shuffled rank), before seasonal and personal boosts. */
  weight: number;
  /** Products often bought with this one ("bought together" pairs and bundles). */
  partners: number[];
}

interface CategorySpec {
  name: string;
  basePrice: number;
  nouns: string[];
  /** Sells much more in the November–December gift season. */
  seasonal?: boolean;
}

const CATEGORIES: CategorySpec[] = [
  { name: 'Kitchen', basePrice: 14, nouns: ['Mug', 'Teapot', 'Cake Tin', 'Apron', 'Tea Towel Set', 'Lunch Box', 'Storage Jar', 'Baking Set'] },
  { name: 'Home Decor', basePrice: 22, nouns: ['Cushion', 'Photo Frame', 'Wall Clock', 'Doormat', 'Mirror', 'Vase', 'Throw'] },
  { name: 'Lighting', basePrice: 28, nouns: ['Lantern', 'T-Light Holder', 'Fairy Lights', 'Table Lamp', 'Night Light'] },
  { name: 'Stationery', basePrice: 6, nouns: ['Notebook', 'Pencil Set', 'Wrapping Paper', 'Card Pack', 'Sticker Sheet', 'Journal'] },
  { name: 'Toys', basePrice: 12, nouns: ['Jigsaw', 'Skipping Rope', 'Paint Set', 'Spinning Top', 'Doll', 'Building Blocks'] },
  { name: 'Garden', basePrice: 18, nouns: ['Plant Pot', 'Watering Can', 'Bird Feeder', 'Seed Tin', 'Garden Kneeler'] },
  { name: 'Bags', basePrice: 16, nouns: ['Jumbo Bag', 'Tote', 'Shopping Bag', 'Lunch Bag', 'Wash Bag'] },
  { name: 'Jewellery', basePrice: 24, nouns: ['Necklace', 'Bracelet', 'Earrings', 'Trinket Box', 'Charm'] },
  { name: 'Party', basePrice: 5, nouns: ['Bunting', 'Cake Cases', 'Party Candles', 'Balloons', 'Napkins', 'Paper Cups'] },
  { name: 'Christmas', basePrice: 9, nouns: ['Bauble Set', 'Advent Calendar', 'Wreath', 'Tree Topper', 'Stocking', 'Gift Tag Set'], seasonal: true },
];

const STYLES = ['Vintage', 'Retrospot', 'Scandinavian', 'Polkadot', 'Botanical', 'Regency', 'Woodland', 'Heart', 'Spaceboy', 'Paisley', 'Enamel', 'Rustic'];

export const CATEGORY_NAMES = CATEGORIES.map((c) => c.name);

/**
 * About `size` products across ten gift-shop categories. Popularity follows Zipf
 * (weight ∝ rank^-1.1 over a shuffled order), so a few best-sellers carry a large
 * share of sales, as in real retail; prices are log-normal around each category's
 * typical price, ending in .49 or .99.
 */
export function buildCatalog(rng: Rng, size = 200): Product[] {
  const products: Product[] = [];
  const names = new Set<string>();
  while (products.length < size) {
    const category = CATEGORIES[products.length % CATEGORIES.length];
    const name = `${rng.pick(STYLES)} ${rng.pick(category.nouns)}`;
    if (names.has(name)) continue;
    names.add(name);
    const raw = category.basePrice * Math.exp(rng.normal(0, 0.45));
    const price = Math.max(1.49, Math.floor(raw) + (rng.chance(0.5) ? 0.49 : 0.99));
    products.push({ id: `SKU-${String(products.length + 1).padStart(4, '0')}`, name, category: category.name, price, weight: 0, partners: [] });
  }
  const ranks = products.map((_, i) => i);
  shuffle(rng, ranks);
  ranks.forEach((productIndex, rank) => (products[productIndex].weight = Math.pow(rank + 1, -1.1)));
  linkPartners(rng, products);
  return products;
}

/** Pairs within a category and across complementary ones, plus a few three-item bundles. */
function linkPartners(rng: Rng, products: Product[]): void {
  const link = (a: number, b: number) => {
    if (a === b || products[a].partners.includes(b)) return;
    products[a].partners.push(b);
    products[b].partners.push(a);
  };
  const byCategory = new Map<string, number[]>();
  products.forEach((p, i) => byCategory.set(p.category, [...(byCategory.get(p.category) ?? []), i]));
  const complements: [string, string][] = [['Kitchen', 'Home Decor'], ['Lighting', 'Home Decor'], ['Party', 'Stationery'], ['Christmas', 'Lighting'], ['Toys', 'Party'], ['Bags', 'Jewellery']];
  for (let i = 0; i < products.length / 4; i++) {
    const [a, b] = rng.chance(0.5) ? ([products[i % products.length].category, products[i % products.length].category] as const) : rng.pick(complements);
    link(rng.pick(byCategory.get(a)!), rng.pick(byCategory.get(b)!));
  }
  for (let bundle = 0; bundle < 8; bundle++) {
    const category = rng.pick(CATEGORY_NAMES);
    const members = [0, 1, 2].map(() => rng.pick(byCategory.get(category)!));
    link(members[0], members[1]);
    link(members[1], members[2]);
    link(members[0], members[2]);
  }
}

function shuffle<T>(rng: Rng, items: T[]): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
}

export function isSeasonal(category: string): boolean {
  return CATEGORIES.some((c) => c.name === category && c.seasonal);
}

/**
 * Product draws for one shopper: the catalog's popularity, boosted for their
 * favourite category and, in the gift season, for Christmas goods. Pickers are
 * cached per (favourite, season), so building them costs nothing per order.
 */
export class ProductChooser {
  private readonly pickers = new Map<string, WeightedPicker>();

  constructor(readonly products: Product[]) {}

  choose(rng: Rng, favourite: string, giftSeason: boolean): Product {
    const key = `${favourite}|${giftSeason}`;
    let picker = this.pickers.get(key);
    if (!picker) {
      picker = new WeightedPicker(this.products.map((p) => p.weight * (p.category === favourite ? 3 : 1) * (giftSeason && isSeasonal(p.category) ? 6 : isSeasonal(p.category) ? 0.15 : 1)));
      this.pickers.set(key, picker);
    }
    return this.products[picker.pick(rng)];
  }
}
