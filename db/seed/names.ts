/** Fictional people for the demo clinic: common US given and family names, freely combined. */

// prettier-ignore
export const FEMALE_NAMES: readonly string[] = [
  "Emily", "Jessica", "Ashley", "Sarah", "Amanda", "Megan", "Rachel", "Lauren", "Nicole",
  "Stephanie", "Hannah", "Olivia", "Sophia", "Grace", "Chloe", "Natalie", "Victoria", "Rebecca",
  "Danielle", "Erin", "Kayla", "Brittany", "Monica", "Teresa", "Linda", "Patricia", "Susan",
  "Karen", "Deborah", "Carol", "Angela", "Yolanda", "Mei", "Aaliyah", "Jasmine", "Camila",
  "Lucia", "Priya", "Fatima", "Keisha", "Marisol", "Ingrid",
];

// prettier-ignore
export const MALE_NAMES: readonly string[] = [
  "Michael", "Christopher", "Matthew", "Joshua", "David", "James", "Daniel", "Robert", "John",
  "Joseph", "Andrew", "Ryan", "Brandon", "Tyler", "Kevin", "Justin", "Jacob", "Nathan",
  "Marcus", "Andre", "Carlos", "Luis", "Miguel", "Hector", "Wei", "Raj", "Omar", "Terrence",
  "Gregory", "Dennis", "Walter", "Frank", "Douglas", "Eric", "Brian", "Scott", "Trevor", "Malik",
];

export const NEUTRAL_NAMES: readonly string[] = [
  "Alex",
  "Riley",
  "Jamie",
  "Quinn",
  "Avery",
  "Rowan",
];

// prettier-ignore
export const FAMILY_NAMES: readonly string[] = [
  "Anderson", "Bennett", "Brooks", "Caldwell", "Carter", "Chen", "Coleman", "Delgado", "Dixon",
  "Donovan", "Fitzgerald", "Fleming", "Foster", "Garcia", "Gonzalez", "Greene", "Hayes",
  "Henderson", "Hernandez", "Hoffman", "Jackson", "Jensen", "Kaplan", "Kelly", "Kim", "Kowalski",
  "Lambert", "Larsen", "Lopez", "MacDonald", "Martinez", "McCarthy", "Mendoza", "Mitchell",
  "Morales", "Murphy", "Nguyen", "Novak", "O'Brien", "Ortiz", "Park", "Patel", "Pearson",
  "Peterson", "Ramirez", "Reyes", "Robinson", "Romero", "Russo", "Sanders", "Schultz", "Shapiro",
  "Simmons", "Sullivan", "Thompson", "Torres", "Vasquez", "Wagner", "Walsh", "Washington",
  "Weber", "Whitfield", "Williams", "Yamamoto", "Zimmerman",
];
