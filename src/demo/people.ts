import { pickWeighted, type Rng } from './random';

const FEMALE = ['Olivia', 'Amelia', 'Isla', 'Ava', 'Mia', 'Sophie', 'Emma', 'Léa', 'Chloé', 'Anna', 'Hannah', 'Lena', 'Sofia', 'Lucía', 'Julia', 'Grace', 'Freya', 'Aoife', 'Emily', 'Charlotte', 'Maya', 'Zara', 'Priya', 'Fatima', 'Ingrid', 'Sanne', 'Marta', 'Chiara', 'Ella', 'Ruby'];
const MALE = ['Oliver', 'George', 'Noah', 'Arthur', 'Leo', 'Harry', 'Jack', 'Lucas', 'Louis', 'Hugo', 'Paul', 'Felix', 'Jonas', 'Mateo', 'Pablo', 'Liam', 'Sean', 'Thomas', 'James', 'Daniel', 'Omar', 'Arjun', 'Finn', 'Lars', 'Daan', 'Marco', 'Luca', 'Ethan', 'Samuel', 'Adam'];
const NEUTRAL = ['Alex', 'Sam', 'Robin', 'Charlie', 'Jordan', 'Kim', 'Noa', 'Eden'];
const SURNAMES = ['Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Evans', 'Thomas', 'Roberts', 'Walker', 'Murphy', "O'Brien", 'Kelly', 'Martin', 'Bernard', 'Dubois', 'Moreau', 'Müller', 'Schmidt', 'Schneider', 'Fischer', 'de Vries', 'Jansen', 'Bakker', 'García', 'Fernández', 'López', 'Rossi', 'Russo', 'Johnson', 'Miller', 'Davis', 'Khan', 'Patel', 'Nowak', 'Andersson', 'Hansen', 'Silva', 'Costa', 'Novak'];

/** Country → [region, city] pairs; the weights mimic a UK-based web shop with a European following. */
const PLACES: readonly (readonly [{ country: string; places: [string, string][] }, number])[] = [
  [{ country: 'United Kingdom', places: [['England', 'London'], ['England', 'Manchester'], ['England', 'Birmingham'], ['England', 'Leeds'], ['England', 'Bristol'], ['Scotland', 'Glasgow'], ['Scotland', 'Edinburgh'], ['Wales', 'Cardiff'], ['Northern Ireland', 'Belfast']] }, 48],
  [{ country: 'Germany', places: [['Bavaria', 'Munich'], ['Berlin', 'Berlin'], ['Hamburg', 'Hamburg'], ['North Rhine-Westphalia', 'Cologne']] }, 10],
  [{ country: 'France', places: [['Île-de-France', 'Paris'], ['Auvergne-Rhône-Alpes', 'Lyon'], ['Occitanie', 'Toulouse']] }, 9],
  [{ country: 'Ireland', places: [['Leinster', 'Dublin'], ['Munster', 'Cork']] }, 6],
  [{ country: 'Netherlands', places: [['North Holland', 'Amsterdam'], ['South Holland', 'Rotterdam'], ['Utrecht', 'Utrecht']] }, 6],
  [{ country: 'Spain', places: [['Madrid', 'Madrid'], ['Catalonia', 'Barcelona'], ['Andalusia', 'Seville']] }, 5],
  [{ country: 'Italy', places: [['Lombardy', 'Milan'], ['Lazio', 'Rome']] }, 4],
  [{ country: 'United States', places: [['New York', 'New York'], ['California', 'San Francisco'], ['Illinois', 'Chicago'], ['Texas', 'Austin']] }, 7],
  [{ country: 'Sweden', places: [['Stockholm', 'Stockholm'], ['Västra Götaland', 'Gothenburg']] }, 3],
  [{ country: 'Australia', places: [['New South Wales', 'Sydney'], ['Victoria', 'Melbourne']] }, 2],
];

export interface Person {
  firstName: string;
  lastName: string;
  gender: 'female' | 'male' | 'non-binary';
  birthday: string;
  country: string;
  region: string;
  city: string;
}

export function makePerson(rng: Rng, now: number): Person {
  const gender = pickWeighted(rng, [['female', 52], ['male', 45], ['non-binary', 3]] as const);
  const firstName = rng.pick(gender === 'female' ? FEMALE : gender === 'male' ? MALE : NEUTRAL);
  const { country, places } = pickWeighted(rng, PLACES);
  const [region, city] = rng.pick(places);
  return { firstName, lastName: rng.pick(SURNAMES), gender, birthday: birthday(rng, now), country, region, city };
}

/** Ages 18–80, most buyers in their thirties and forties (a triangular-ish mix of two draws). */
function birthday(rng: Rng, now: number): string {
  const age = 18 + Math.floor(((rng.next() + rng.next()) / 2) * 50 + rng.next() * 12);
  const year = new Date(now).getUTCFullYear() - age;
  const date = new Date(Date.UTC(year, 0, 1) + rng.int(0, 364) * 86_400_000);
  return date.toISOString().slice(0, 10);
}

export function ageOn(birthday: string, now: number): number {
  const b = new Date(`${birthday}T00:00:00Z`);
  const d = new Date(now);
  const before = d.getUTCMonth() < b.getUTCMonth() || (d.getUTCMonth() === b.getUTCMonth() && d.getUTCDate() < b.getUTCDate());
  return d.getUTCFullYear() - b.getUTCFullYear() - (before ? 1 : 0);
}

/** Addresses on example.com (reserved for documentation), unique by the customer's number. */
export function emailOf(person: Person, n: number): string {
  const clean = (s: string) => s.normalize('NFD').replace(/[^A-Za-z]/g, '').toLowerCase();
  return `${clean(person.firstName)}.${clean(person.lastName)}${n}@example.com`;
}

export function traitsOf(person: Person, n: number, signedUpAt: number, now: number, newsletter: boolean): Record<string, unknown> {
  return {
    firstName: person.firstName,
    lastName: person.lastName,
    name: `${person.firstName} ${person.lastName}`,
    email: emailOf(person, n),
    gender: person.gender,
    birthday: person.birthday,
    age: ageOn(person.birthday, now),
    country: person.country,
    region: person.region,
    city: person.city,
    createdAt: new Date(signedUpAt).toISOString(),
    newsletter,
  };
}
