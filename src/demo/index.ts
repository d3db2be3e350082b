/** The generated retail history `npm start` seeds an empty embedded database with. */
export { seedDemoDataIfEmpty } from './demo-data';
