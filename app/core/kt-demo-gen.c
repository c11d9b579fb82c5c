/* kt-demo-gen.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo shop: a deterministic, streaming generator of members, cards and
 * purchases that look like a real shop's register.
 *
 * Determinism: every random choice comes from our own xoshiro256** streams,
 * seeded per member from the seed with splitmix64, never from GRand or
 * rand(), whose sequences may change between library versions; and the one
 * transcendental function we need (exp) is our own, built from IEEE basic
 * operations only. Each member has separate streams for its visit rhythm,
 * its profile and its purchases, so any member can be recomputed alone.
 *
 * Exact totals while streaming: most members sign up at the till while
 * buying, which is their first purchase. A first pass counts those and adds
 * up every member's expected number of further visits (its weight); member
 * i then gets its sign-up purchase plus floor (R * S_i / W) -
 * floor (R * S_i-1 / W) more, where R is what remains of the N purchases
 * and S_i the sum of the weights up to i. That is proportional, never
 * negative, and adds up to exactly N. (When N is smaller than the number of
 * sign-up purchases, those are spread the same way instead.)
 *
 * Seasonality: every day of the history has an intensity (month, weekday,
 * holidays). A member's visits are stratified over the cumulative intensity
 * of its active window, so a weekly regular comes back at a steady rhythm,
 * more often on Fridays and Saturdays and in December.
 */

#define G_LOG_DOMAIN "kt-demo-gen"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "core/kt-date.h"
#include "core/kt-demo-gen.h"
#include "core/kt-error.h"

/* ---- random numbers ----------------------------------------------------- */

typedef struct
{
  guint64 s[4];
} Rng;

/* Independent streams of one member. */
enum
{
  STREAM_RHYTHM = 1,
  STREAM_PROFILE,
  STREAM_PURCHASES,
  STREAM_LANGUAGE,
};

static inline guint64
splitmix64 (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

static guint64
stream_key (guint64 seed,
            guint   member,
            guint   stream)
{
  guint64 state = seed;
  guint64 key = splitmix64 (&state);

  state = key ^ ((guint64) member << 8) ^ stream;
  return splitmix64 (&state);
}

static void
rng_seed (Rng     *rng,
          guint64  seed,
          guint    member,
          guint    stream)
{
  guint64 state = stream_key (seed, member, stream);

  for (guint i = 0; i < 4; i++)
    rng->s[i] = splitmix64 (&state);
}

static inline guint64
rotl (guint64 x,
      int     k)
{
  return (x << k) | (x >> (64 - k));
}

/* xoshiro256** by Blackman and Vigna (public domain). */
static inline guint64
rng_next (Rng *rng)
{
  guint64 *s = rng->s;
  guint64 result = rotl (s[1] * 5, 7) * 9;
  guint64 t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl (s[3], 45);
  return result;
}

/* Uniform in [0, n), n > 0; the bias of the multiply-shift is far below
 * anything a demo could show. */
static inline guint64
rng_below (Rng     *rng,
           guint64  n)
{
  if (n <= G_MAXUINT32)
    return ((rng_next (rng) >> 32) * n) >> 32;
  return rng_next (rng) % n;
}

static inline double
rng_uniform (Rng *rng)
{
  return (double) (rng_next (rng) >> 11) * (1.0 / 9007199254740992.0);
}

/* TRUE with a probability of `basis_points` / 10,000. */
static inline gboolean
rng_chance (Rng  *rng,
            guint basis_points)
{
  return rng_below (rng, 10000) < basis_points;
}

/* A standard normal variate, approximated by the sum of four uniforms
 * (Irwin-Hall): bounded at about 3.5 sigma, which suits receipts and needs
 * no logarithm. */
static double
rng_normal (Rng *rng)
{
  double sum = rng_uniform (rng) + rng_uniform (rng) + rng_uniform (rng) + rng_uniform (rng);

  return (sum - 2.0) * 1.7320508075688772;
}

/* Index into `weights` with probability proportional to its weight. */
static guint
rng_pick (Rng         *rng,
          const guint *weights,
          guint        n_weights)
{
  guint total = 0;
  guint64 r;

  for (guint i = 0; i < n_weights; i++)
    total += weights[i];
  r = rng_below (rng, total);
  for (guint i = 0; i < n_weights; i++)
    {
      if (r < weights[i])
        return i;
      r -= weights[i];
    }
  return n_weights - 1;
}

#define PICK(rng, table) ((table)[rng_below ((rng), G_N_ELEMENTS (table))])

/* exp(x) from additions and multiplications only, so that receipts do not
 * change with the C library's version: e^x = 2^k e^r with |r| <= ln2 / 2,
 * e^r by its Taylor series (relative error below 1e-12 there). */
static double
det_exp (double x)
{
  const double ln2 = 0.6931471805599453;
  double k = floor (x / ln2 + 0.5);
  double r = x - k * ln2;
  double term = 1.0;
  double sum = 1.0;

  for (int i = 1; i <= 13; i++)
    {
      term *= r / i;
      sum += term;
    }
  return ldexp (sum, (int) k);
}

/* ---- the calendar ----------------------------------------------------- */

#define SECONDS_PER_DAY 86400
#define OPENS (9 * 3600)
#define CLOSES (21 * 3600)

typedef struct
{
  char date[KT_DEMO_DATE_LEN];   /* YYYY-MM-DD */
} Day;

/* Relative intensity of trade (100 = an ordinary day). */
static const guint month_intensity[13] = {
  0,
  /* Jan  Feb  Mar  Apr  May  Jun  Jul  Aug  Sep  Oct  Nov  Dec (first half) */
  86,  88,  98, 100, 100,  85,  78,  82, 100, 105, 115, 130,
};
/* The second half of December: presents and the holiday table. */
#define LATE_DECEMBER_INTENSITY 190

static const guint weekday_intensity[8] = {
  0,
  /* Mon Tue Wed Thu  Fri  Sat Sun */
  85,  88,  92,  98, 122, 135, 80,
};

/* Visits by opening hour, 9:00 .. 20:00: a lunch and an after-work peak. */
static const guint hour_weights[] = {
  4, 6, 8, 11, 12, 8, 7, 8, 11, 13, 10, 5,
};

static guint
day_intensity (const GDate *date)
{
  GDateMonth month = g_date_get_month (date);
  GDateDay mday = g_date_get_day (date);
  guint season = month_intensity[month];

  if (month == G_DATE_DECEMBER && mday >= 15)
    season = LATE_DECEMBER_INTENSITY;
  /* New Year's Day opens late and few come; New Year's Eve closes early. */
  if (month == G_DATE_JANUARY && mday == 1)
    season = 25;
  else if (month == G_DATE_DECEMBER && mday == 31)
    season = 120;
  return season * weekday_intensity[g_date_get_weekday (date)];
}

/* ---- names and contacts ---------------------------------------------- */

static const char *const en_male[] = {
  "James", "John", "Robert", "Michael", "William", "David", "Richard",
  "Joseph", "Thomas", "Charles", "Christopher", "Daniel", "Matthew",
  "Anthony", "Mark", "Steven", "Paul", "Andrew", "Joshua", "Kevin", "Brian",
  "George", "Edward", "Ryan", "Jacob", "Gary", "Nicholas", "Eric",
  "Jonathan", "Stephen", "Oliver", "Harry", "Jack", "Charlie", "Alfie",
  "Leo", "Noah", "Oscar", "Henry", "Samuel", "Benjamin", "Lewis", "Callum",
  "Liam", "Ethan", "Peter", "Simon", "Adam",
};

static const char *const en_female[] = {
  "Emily", "Olivia", "Amelia", "Isla", "Ava", "Jessica", "Sophie", "Grace",
  "Lily", "Chloe", "Mia", "Ella", "Charlotte", "Emma", "Hannah", "Lucy",
  "Ellie", "Poppy", "Sarah", "Laura", "Rebecca", "Rachel", "Katie",
  "Megan", "Amy", "Lauren", "Holly", "Victoria", "Elizabeth", "Alice",
  "Margaret", "Susan", "Helen", "Karen", "Claire", "Nicola", "Joanne",
  "Louise", "Gemma", "Zoe", "Abigail", "Freya", "Evie", "Ruby", "Florence",
  "Jane", "Anne", "Rose",
};

static const char *const en_family[] = {
  "Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans",
  "Wilson", "Thomas", "Johnson", "Roberts", "Robinson", "Thompson",
  "Wright", "Walker", "White", "Edwards", "Hughes", "Green", "Hall",
  "Lewis", "Harris", "Clarke", "Patel", "Jackson", "Wood", "Turner",
  "Martin", "Cooper", "Hill", "Ward", "Morris", "Moore", "Clark", "Lee",
  "King", "Baker", "Harrison", "Morgan", "Allen", "James", "Scott",
  "Phillips", "Watson", "Davis", "Parker", "Price", "Bennett", "Young",
  "Griffiths", "Mitchell", "Kelly", "Cook", "Carter", "Richardson",
  "Bailey", "Collins", "Bell", "Shaw", "Murphy", "O'Brien", "Khan",
};

static const char *const ru_male[] = {
  "Александр", "Алексей", "Андрей", "Антон", "Артём", "Борис", "Вадим",
  "Валерий", "Василий", "Виктор", "Владимир", "Владислав", "Вячеслав",
  "Геннадий", "Георгий", "Глеб", "Григорий", "Даниил", "Денис", "Дмитрий",
  "Евгений", "Егор", "Иван", "Игорь", "Илья", "Кирилл", "Константин",
  "Леонид", "Максим", "Матвей", "Михаил", "Никита", "Николай", "Олег",
  "Павел", "Пётр", "Роман", "Руслан", "Сергей", "Станислав", "Степан",
  "Тимофей", "Фёдор", "Юрий", "Ярослав", "Анатолий",
};

static const char *const ru_female[] = {
  "Александра", "Алёна", "Алина", "Алла", "Анастасия", "Анна", "Антонина",
  "Валентина", "Валерия", "Вера", "Вероника", "Виктория", "Галина",
  "Дарья", "Евгения", "Екатерина", "Елена", "Елизавета", "Жанна", "Зоя",
  "Инна", "Ирина", "Карина", "Кристина", "Ксения", "Лариса", "Любовь",
  "Людмила", "Маргарита", "Марина", "Мария", "Надежда", "Наталья", "Нина",
  "Оксана", "Ольга", "Полина", "Светлана", "София", "Тамара", "Татьяна",
  "Ульяна", "Юлия", "Яна", "Диана", "Варвара",
};

/* Male forms; the female form is derived (see feminine_surname ()). */
static const char *const ru_family[] = {
  "Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров",
  "Соколов", "Михайлов", "Новиков", "Фёдоров", "Морозов", "Волков",
  "Алексеев", "Лебедев", "Семёнов", "Егоров", "Павлов", "Козлов",
  "Степанов", "Николаев", "Орлов", "Андреев", "Макаров", "Никитин",
  "Захаров", "Зайцев", "Соловьёв", "Борисов", "Яковлев", "Григорьев",
  "Романов", "Воробьёв", "Сергеев", "Кузьмин", "Фролов", "Александров",
  "Дмитриев", "Королёв", "Гусев", "Киселёв", "Ильин", "Максимов",
  "Поляков", "Сорокин", "Виноградов", "Ковалёв", "Белов", "Медведев",
  "Антонов", "Тарасов", "Жуков", "Баранов", "Филиппов", "Комаров",
  "Давыдов", "Беляев", "Герасимов", "Богданов", "Осипов", "Сидоров",
  "Вишневский", "Покровский", "Островский", "Толстой", "Шевченко",
};

static const char *const ru_patronymic[][2] = {
  { "Александрович", "Александровна" }, { "Алексеевич", "Алексеевна" },
  { "Андреевич", "Андреевна" }, { "Анатольевич", "Анатольевна" },
  { "Борисович", "Борисовна" }, { "Васильевич", "Васильевна" },
  { "Викторович", "Викторовна" }, { "Владимирович", "Владимировна" },
  { "Геннадьевич", "Геннадьевна" }, { "Дмитриевич", "Дмитриевна" },
  { "Евгеньевич", "Евгеньевна" }, { "Иванович", "Ивановна" },
  { "Игоревич", "Игоревна" }, { "Михайлович", "Михайловна" },
  { "Николаевич", "Николаевна" }, { "Олегович", "Олеговна" },
  { "Павлович", "Павловна" }, { "Петрович", "Петровна" },
  { "Сергеевич", "Сергеевна" }, { "Юрьевич", "Юрьевна" },
};

static const char *const uk_male[] = {
  "Андрій", "Анатолій", "Антон", "Артем", "Богдан", "Вадим", "Валентин",
  "Василь", "Віктор", "Віталій", "Володимир", "Всеволод", "Геннадій",
  "Григорій", "Данило", "Денис", "Дмитро", "Євген", "Захар", "Іван",
  "Ігор", "Олександр", "Олексій", "Олег", "Остап", "Павло", "Петро",
  "Роман", "Ростислав", "Руслан", "Сергій", "Степан", "Тарас", "Тимофій",
  "Юрій", "Ярослав", "Максим", "Микола", "Михайло", "Назар", "Орест",
  "Федір", "Ілля", "Кирило", "Леонід", "Святослав",
};

static const char *const uk_female[] = {
  "Аліна", "Алла", "Анастасія", "Ангеліна", "Анна", "Валентина",
  "Вікторія", "Віра", "Галина", "Дарина", "Діана", "Євгенія", "Зоряна",
  "Ірина", "Катерина", "Христина", "Лариса", "Леся", "Лілія", "Людмила",
  "Мар’яна", "Марія", "Мирослава", "Надія", "Наталія", "Оксана", "Олена",
  "Олександра", "Ольга", "Поліна", "Світлана", "Соломія", "Софія",
  "Тетяна", "Уляна", "Юлія", "Яна", "Ярослава", "Ганна", "Богдана",
  "Вероніка", "Інна", "Любов", "Олеся",
};

static const char *const uk_family[] = {
  "Шевченко", "Бондаренко", "Коваленко", "Бойко", "Ткаченко", "Кравченко",
  "Коваль", "Олійник", "Шевчук", "Поліщук", "Мельник", "Ткачук",
  "Савченко", "Руденко", "Марченко", "Лисенко", "Мороз", "Петренко",
  "Клименко", "Павленко", "Кравчук", "Кузьменко", "Пономаренко", "Савчук",
  "Василенко", "Левченко", "Харченко", "Карпенко", "Гнатюк", "Мельничук",
  "Романюк", "Сидоренко", "Панченко", "Ковальчук", "Бондар", "Захарченко",
  "Гончаренко", "Литвиненко", "Головко", "Костенко", "Яковенко", "Антонюк",
  "Приходько", "Дмитренко", "Кириленко", "Іваненко", "Тимошенко",
  "Гаврилюк", "Степаненко", "Кучер", "Білик", "Мазур", "Данилюк",
  "Федоренко", "Юрченко", "Онищенко", "Грищенко", "Кушнір", "Гуменюк",
  "Пилипенко", "Ковальський", "Вишневський", "Заболотний", "Іванов",
  "Лозинський",
};

static const char *const uk_patronymic[][2] = {
  { "Олександрович", "Олександрівна" }, { "Андрійович", "Андріївна" },
  { "Анатолійович", "Анатоліївна" }, { "Богданович", "Богданівна" },
  { "Васильович", "Василівна" }, { "Вікторович", "Вікторівна" },
  { "Володимирович", "Володимирівна" }, { "Григорович", "Григорівна" },
  { "Дмитрович", "Дмитрівна" }, { "Іванович", "Іванівна" },
  { "Ігорович", "Ігорівна" }, { "Миколайович", "Миколаївна" },
  { "Михайлович", "Михайлівна" }, { "Олегович", "Олегівна" },
  { "Павлович", "Павлівна" }, { "Петрович", "Петрівна" },
  { "Романович", "Романівна" }, { "Сергійович", "Сергіївна" },
  { "Степанович", "Степанівна" }, { "Юрійович", "Юріївна" },
};

static const char *const hu_male[] = {
  "Bence", "Máté", "Levente", "Dávid", "Dániel", "Ádám", "Balázs", "Péter",
  "Gábor", "László", "Zoltán", "István", "József", "János", "Tamás",
  "Attila", "Sándor", "Ferenc", "Zsolt", "Tibor", "Csaba", "András", "Imre",
  "Gergő", "Márk", "Milán", "Botond", "Norbert", "Krisztián", "Róbert",
  "Viktor", "Roland", "Áron", "Barnabás", "Marcell", "Bálint", "Kristóf",
  "Lajos", "György", "Mihály", "Károly", "Géza", "Endre", "Miklós", "Ottó",
  "Dezső",
};

static const char *const hu_female[] = {
  "Anna", "Hanna", "Zsófia", "Lili", "Luca", "Eszter", "Réka", "Viktória",
  "Katalin", "Erzsébet", "Ilona", "Éva", "Mária", "Zsuzsanna", "Judit",
  "Ágnes", "Andrea", "Krisztina", "Erika", "Mónika", "Edit", "Gabriella",
  "Szilvia", "Anita", "Tímea", "Nikolett", "Dóra", "Boglárka", "Petra",
  "Nóra", "Fanni", "Dorina", "Emese", "Kitti", "Beáta", "Ildikó", "Margit",
  "Piroska", "Gizella", "Veronika", "Orsolya", "Csilla", "Enikő",
  "Bernadett", "Noémi", "Júlia",
};

static const char *const hu_family[] = {
  "Nagy", "Kovács", "Tóth", "Szabó", "Horváth", "Varga", "Kiss", "Molnár",
  "Németh", "Farkas", "Balogh", "Papp", "Takács", "Juhász", "Lakatos",
  "Mészáros", "Oláh", "Simon", "Rácz", "Fekete", "Szilágyi", "Török",
  "Fehér", "Balázs", "Gál", "Kis", "Szűcs", "Kocsis", "Orsós", "Pintér",
  "Fodor", "Szalai", "Sipos", "Magyar", "Lukács", "Gulyás", "Bíró",
  "Király", "László", "Katona", "Jakab", "Bogdán", "Balog", "Sándor",
  "Boros", "Fazekas", "Kelemen", "Antal", "Orosz", "Somogyi", "Fülöp",
  "Veres", "Vincze", "Hegedűs", "Budai", "Deák", "Pap", "Bálint", "Illés",
  "Pál", "Vass", "Szőke", "Fábián", "Vörös", "Lengyel",
};

/* Notes a shop assistant would write, in the member's language. */
static const char *const en_notes[] = {
  "Prefers text messages to calls.",
  "Asks for paper receipts.",
  "Gluten-free: mention new products.",
  "Regular at the Saturday tasting.",
  "Card replaced after the old one was damaged.",
  "Buys for the office on Fridays.",
};

static const char *const ru_notes[] = {
  "Просит звонить только вечером.",
  "Покупает для кафе, нужны чеки.",
  "Интересуется новинками косметики.",
  "Не присылать рекламу по почте.",
  "Постоянный покупатель с открытия магазина.",
  "Аллергия на орехи — предупреждать.",
};

static const char *const uk_notes[] = {
  "Просить телефонувати лише ввечері.",
  "Купує для офісу, потрібні чеки.",
  "Цікавиться новинками косметики.",
  "Не надсилати рекламу поштою.",
  "Постійний покупець від відкриття магазину.",
  "Алергія на горіхи — попереджати.",
};

static const char *const hu_notes[] = {
  "Csak este kér telefonhívást.",
  "Irodának vásárol, számlát kér.",
  "Érdeklik az új kozmetikumok.",
  "Ne küldjünk neki hírlevelet.",
  "Az üzlet nyitása óta törzsvásárló.",
  "Diófélékre allergiás.",
};

typedef struct
{
  const char *domain;
  guint       weight;
} Domain;

static const Domain en_domains[] = {
  { "gmail.com", 40 }, { "outlook.com", 18 }, { "hotmail.co.uk", 12 },
  { "yahoo.co.uk", 10 }, { "icloud.com", 12 }, { "btinternet.com", 8 },
};

static const Domain ru_domains[] = {
  { "mail.ru", 35 }, { "yandex.ru", 30 }, { "gmail.com", 20 },
  { "bk.ru", 5 }, { "inbox.ru", 5 }, { "rambler.ru", 5 },
};

static const Domain uk_domains[] = {
  { "ukr.net", 40 }, { "gmail.com", 40 }, { "i.ua", 10 },
  { "meta.ua", 5 }, { "outlook.com", 5 },
};

static const Domain hu_domains[] = {
  { "freemail.hu", 35 }, { "gmail.com", 40 }, { "citromail.hu", 15 },
  { "t-online.hu", 10 },
};

/* Mobile operators' codes as dialled after the country code. */
static const guint ua_mobile[] = { 50, 63, 66, 67, 68, 73, 93, 95, 96, 97, 98, 99 };
static const guint ru_mobile[] = {
  903, 905, 906, 909, 910, 915, 916, 917, 919, 925, 926, 929, 952, 960,
  977, 985, 999,
};
static const guint hu_mobile[] = { 20, 30, 31, 70 };

typedef struct
{
  const char *const *male;
  guint              n_male;
  const char *const *female;
  guint              n_female;
  const char *const *family;
  guint              n_family;
  const char *const *notes;
  guint              n_notes;
  const Domain      *domains;
  guint              n_domains;
} Language;

#define LIST(a) (a), G_N_ELEMENTS (a)

static const Language languages[KT_DEMO_N_LANGUAGES] = {
  [KT_DEMO_LANGUAGE_ENGLISH] = { LIST (en_male), LIST (en_female), LIST (en_family),
                                 LIST (en_notes), LIST (en_domains) },
  [KT_DEMO_LANGUAGE_RUSSIAN] = { LIST (ru_male), LIST (ru_female), LIST (ru_family),
                                 LIST (ru_notes), LIST (ru_domains) },
  [KT_DEMO_LANGUAGE_UKRAINIAN] = { LIST (uk_male), LIST (uk_female), LIST (uk_family),
                                   LIST (uk_notes), LIST (uk_domains) },
  [KT_DEMO_LANGUAGE_HUNGARIAN] = { LIST (hu_male), LIST (hu_female), LIST (hu_family),
                                   LIST (hu_notes), LIST (hu_domains) },
};

/* The shop's customers: mostly Ukrainian and Russian speakers, with a
 * Hungarian and an English-speaking community. */
static const guint language_weights[KT_DEMO_N_LANGUAGES] = {
  [KT_DEMO_LANGUAGE_ENGLISH] = 20,
  [KT_DEMO_LANGUAGE_RUSSIAN] = 25,
  [KT_DEMO_LANGUAGE_UKRAINIAN] = 40,
  [KT_DEMO_LANGUAGE_HUNGARIAN] = 15,
};

/* ---- purchases ------------------------------------------------------- */

typedef struct
{
  const char *key;         /* stored as it is: a plain English key */
  KtMoney     median;      /* typical receipt */
  KtMoney     item_price;  /* typical price of one item */
} Category;

static const Category categories[] = {
  { "",          3900, 1100 },   /* a mixed basket, not categorised */
  { "Food",      2900,  850 },
  { "Drinks",    1750,  650 },
  { "Household", 4200, 1500 },
  { "Cosmetics", 4500, 1700 },
  { "Clothing",  8200, 3800 },
};

/* How often each category is bought, in the order above. */
static const guint category_weights[] = { 25, 32, 14, 11, 8, 10 };

G_STATIC_ASSERT (G_N_ELEMENTS (categories) == G_N_ELEMENTS (category_weights));

#define AMOUNT_MIN 50
#define AMOUNT_MAX 200000
#define ITEMS_MAX 120
/* Bonus points: 2 % of what was paid, rounded down. */
#define POINTS_PER_CENT_PAID 2

/* ---- rhythms ---------------------------------------------------------- */

typedef struct
{
  guint weight;        /* share of members, percent */
  guint rate_min;      /* visits per year, hundredths */
  guint rate_span;
  guint basket;        /* receipt size, percent of the shop's typical one */
  guint vip;           /* chance of VIP status, basis points */
} RhythmKind;

static const RhythmKind rhythm_kinds[] = {
  [KT_DEMO_RHYTHM_WEEKLY]     = {  3, 3500, 3500,  80, 3000 },
  [KT_DEMO_RHYTHM_MONTHLY]    = { 12,  900,  700, 100, 1000 },
  [KT_DEMO_RHYTHM_OCCASIONAL] = { 35,  150,  350, 115,  150 },
  [KT_DEMO_RHYTHM_ONCE]       = { 35,    0,    0, 125,   50 },
  [KT_DEMO_RHYTHM_CHURNED]    = { 15,  800, 3000, 100,  150 },
};

#define BLOCKED_BASIS_POINTS 100
#define CHURN_MIN_DAYS_AGO 90
#define CHURN_MIN_ACTIVE_DAYS 30

typedef struct
{
  KtDemoRhythm   rhythm;
  KtMemberStatus status;
  guint          join_day;    /* index in the calendar */
  guint          end_day;     /* the last day the member buys */
  guint          block_day;   /* when blocked: the day the card was blocked */
  guint          basket;
  gboolean       bought_at_sign_up;
  guint64        weight;      /* expected visits after signing up, thousandths */
} Rhythm;

/* Most people sign up at the till, while buying; the others filled in a
 * form, and some of them never came back. */
#define BOUGHT_AT_SIGN_UP_BASIS_POINTS 9200

/* ---- the generator ---------------------------------------------------- */

struct _KtDemoGen
{
  guint           n_members;
  guint           n_purchases;
  guint64         seed;
  guint           card_prefix;
  guint64         next_sequence;

  /* The history: day 0 is three years before today, day `last_day` today. */
  Day            *days;
  guint           last_day;
  guint32         first_julian;
  guint64        *cumulative;   /* intensity before each day; last_day + 2 entries */
  guint64         year_mass;    /* intensity of an average year */

  /* Sharing out the purchases; see the top of the file. */
  gboolean        sign_up_first;    /* every sign-up purchase, then the rest */
  gboolean        all_alike;        /* the rest shared evenly */
  guint64         n_sign_ups;
  guint64         sign_ups_done;
  guint64         total_weight;
  guint64         weight_done;
  guint           position;

  KtDemoPurchase *purchases;
  gint64         *stamps;       /* seconds since day 0, per purchase */
  guint           allocated;
};

static guint
member_join_day (KtDemoGen *gen,
                 guint      index)
{
  /* More members join as the shop becomes known: the joining density grows
   * linearly to three times the first day's over the three years. Member
   * ids follow the order of joining. */
  double u = (index + 0.5) / gen->n_members;
  double t = (sqrt (1.0 + 8.0 * u) - 1.0) / 2.0;
  guint day = (guint) (t * (gen->last_day + 1));

  return MIN (day, gen->last_day);
}

static inline guint64
window_mass (KtDemoGen *gen,
             guint      first,
             guint      last)
{
  return gen->cumulative[last + 1] - gen->cumulative[first];
}

static void
member_rhythm (KtDemoGen *gen,
               guint      index,
               Rhythm    *out)
{
  guint kind_weights[G_N_ELEMENTS (rhythm_kinds)];
  const RhythmKind *kind;
  guint rate;
  Rng rng;

  rng_seed (&rng, gen->seed, index, STREAM_RHYTHM);
  for (guint i = 0; i < G_N_ELEMENTS (rhythm_kinds); i++)
    kind_weights[i] = rhythm_kinds[i].weight;

  out->join_day = member_join_day (gen, index);
  out->end_day = gen->last_day;
  out->block_day = 0;
  out->rhythm = rng_pick (&rng, kind_weights, G_N_ELEMENTS (kind_weights));

  /* Only a member who has been around long enough can have stopped coming
   * "months ago"; the others are still occasional customers. */
  if (out->rhythm == KT_DEMO_RHYTHM_CHURNED &&
      out->join_day + CHURN_MIN_ACTIVE_DAYS + CHURN_MIN_DAYS_AGO > gen->last_day)
    out->rhythm = KT_DEMO_RHYTHM_OCCASIONAL;

  kind = &rhythm_kinds[out->rhythm];
  rate = kind->rate_min + (guint) rng_below (&rng, kind->rate_span + 1);
  out->basket = kind->basket;

  if (out->rhythm == KT_DEMO_RHYTHM_CHURNED)
    {
      guint latest = gen->last_day - CHURN_MIN_DAYS_AGO;
      guint earliest = out->join_day + CHURN_MIN_ACTIVE_DAYS;

      out->end_day = earliest + (guint) rng_below (&rng, latest - earliest + 1);
    }

  out->status = KT_MEMBER_REGULAR;
  if (rng_chance (&rng, kind->vip))
    out->status = KT_MEMBER_VIP;
  else if (rng_chance (&rng, BLOCKED_BASIS_POINTS) && out->join_day < gen->last_day)
    {
      /* Blocked by the shop one day (a misused card, a dispute); no visits
       * from that day on. */
      out->status = KT_MEMBER_BLOCKED;
      out->block_day = out->join_day + 1 +
                       (guint) rng_below (&rng, gen->last_day - out->join_day);
      out->end_day = MIN (out->end_day, out->block_day - 1);
    }

  /* A one-off visitor's one visit is the sign-up purchase. */
  out->bought_at_sign_up = rng_chance (&rng, BOUGHT_AT_SIGN_UP_BASIS_POINTS);
  if (out->rhythm == KT_DEMO_RHYTHM_ONCE)
    out->weight = 0;
  else
    out->weight = MAX (1, (guint64) rate * 10 *
                          window_mass (gen, out->join_day, out->end_day) / gen->year_mass);
}

static KtDemoLanguage
member_language (KtDemoGen *gen,
                 guint      index)
{
  Rng rng;

  rng_seed (&rng, gen->seed, index, STREAM_LANGUAGE);
  return rng_pick (&rng, language_weights, KT_DEMO_N_LANGUAGES);
}

/* The part of `amount` that falls to the shares up to `part` of `whole`,
 * rounded down; exactly `amount` at the end. */
static guint64
share_up_to (guint64 part,
             guint64 whole,
             guint64 amount)
{
  if (part >= whole)
    return amount;
  return (guint64) floor ((double) part / (double) whole * (double) amount);
}

/* Decides, after the first pass, how the purchases are shared out. */
static void
plan_shares (KtDemoGen *gen)
{
  gen->sign_up_first = gen->n_sign_ups <= gen->n_purchases;
  /* Only one-off visitors, and more purchases than sign-ups: they come back
   * after all, all alike. */
  gen->all_alike = gen->total_weight == 0;
  if (gen->all_alike)
    gen->total_weight = gen->n_members;
}

/* How many purchases the next member gets. */
static guint
member_purchases (KtDemoGen    *gen,
                  const Rhythm *rhythm)
{
  guint64 sign_up = rhythm->bought_at_sign_up ? 1 : 0;
  guint64 weight = gen->all_alike ? 1 : rhythm->weight;
  guint64 before;
  guint64 after;

  if (!gen->sign_up_first)
    {
      before = share_up_to (gen->sign_ups_done, gen->n_sign_ups, gen->n_purchases);
      gen->sign_ups_done += sign_up;
      after = share_up_to (gen->sign_ups_done, gen->n_sign_ups, gen->n_purchases);
      return (guint) (after - before);
    }

  before = share_up_to (gen->weight_done, gen->total_weight, gen->n_purchases - gen->n_sign_ups);
  gen->weight_done += weight;
  after = share_up_to (gen->weight_done, gen->total_weight, gen->n_purchases - gen->n_sign_ups);
  return (guint) (sign_up + after - before);
}

static void
build_calendar (KtDemoGen   *gen,
                const GDate *today)
{
  GDate date = *today;
  guint64 sum = 0;

  g_date_subtract_years (&date, 3);
  gen->first_julian = g_date_get_julian (&date);
  gen->last_day = g_date_get_julian (today) - g_date_get_julian (&date);
  gen->days = g_new (Day, gen->last_day + 1);
  gen->cumulative = g_new (guint64, gen->last_day + 2);

  for (guint d = 0; d <= gen->last_day; d++)
    {
      Day *day = &gen->days[d];

      g_snprintf (day->date, sizeof day->date, "%04u-%02u-%02u",
                  (guint) g_date_get_year (&date), (guint) g_date_get_month (&date),
                  (guint) g_date_get_day (&date));
      gen->cumulative[d] = sum;
      sum += day_intensity (&date);
      g_date_add_days (&date, 1);
    }
  gen->cumulative[gen->last_day + 1] = sum;
  gen->year_mass = MAX (1, sum * 365 / (gen->last_day + 1));
}

/* The day whose share of the intensity contains `target`. */
static guint
day_at_mass (KtDemoGen *gen,
             guint64    target)
{
  guint lo = 0;
  guint hi = gen->last_day;

  /* Largest d with cumulative[d] <= target. */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo + 1) / 2;

      if (gen->cumulative[mid] <= target)
        lo = mid;
      else
        hi = mid - 1;
    }
  return lo;
}

static gboolean
check_options (guint          members,
               guint          purchases,
               GError       **error)
{
  if (members == 0 || members > KT_DEMO_MEMBERS_MAX)
    {
      g_set_error (error, KT_ERROR, KT_ERROR_INVALID,
                   _("A demo shop has between 1 and %u members"), KT_DEMO_MEMBERS_MAX);
      return FALSE;
    }
  if (purchases > KT_DEMO_PURCHASES_MAX)
    {
      g_set_error (error, KT_ERROR, KT_ERROR_INVALID,
                   _("A demo shop has at most %u purchases"), KT_DEMO_PURCHASES_MAX);
      return FALSE;
    }
  /* A member's purchases are held in memory together: keep that small. */
  if (purchases / members >= KT_DEMO_PURCHASES_PER_MEMBER_MAX)
    {
      g_set_error (error, KT_ERROR, KT_ERROR_INVALID,
                   _("A demo shop has fewer than %u purchases per member"),
                   KT_DEMO_PURCHASES_PER_MEMBER_MAX);
      return FALSE;
    }
  return TRUE;
}

KtDemoGen *
kt_demo_gen_new (guint          members,
                 guint          purchases,
                 guint64        seed,
                 const char    *today,
                 guint          card_prefix,
                 guint64        first_sequence,
                 GError       **error)
{
  g_autoptr(KtDemoGen) gen = NULL;
  g_autofree char *today_text = NULL;
  GDate date;

  g_return_val_if_fail (card_prefix <= 99, NULL);

  if (!check_options (members, purchases, error))
    return NULL;

  /* A lost card takes a second number, so reserve two per member. */
  if (first_sequence == 0 ||
      first_sequence > KT_CARD_SEQUENCE_MAX ||
      KT_CARD_SEQUENCE_MAX - first_sequence + 1 < 2 * (guint64) members)
    {
      g_set_error (error, KT_ERROR, KT_ERROR_INVALID,
                   _("Not enough card numbers are left for a demo shop of %u members"),
                   members);
      return NULL;
    }

  if (today == NULL)
    today = today_text = kt_date_today ();
  if (!kt_date_parse (today, &date, error))
    return NULL;

  gen = g_new0 (KtDemoGen, 1);
  gen->n_members = members;
  gen->n_purchases = purchases;
  gen->seed = seed;
  gen->card_prefix = card_prefix;
  gen->next_sequence = first_sequence;
  build_calendar (gen, &date);

  for (guint i = 0; i < members; i++)
    {
      Rhythm rhythm;

      member_rhythm (gen, i, &rhythm);
      gen->total_weight += rhythm.weight;
      gen->n_sign_ups += rhythm.bought_at_sign_up ? 1 : 0;
    }
  plan_shares (gen);

  return g_steal_pointer (&gen);
}

void
kt_demo_gen_free (KtDemoGen *gen)
{
  if (gen == NULL)
    return;
  g_free (gen->days);
  g_free (gen->cumulative);
  g_free (gen->purchases);
  g_free (gen->stamps);
  g_free (gen);
}

guint
kt_demo_gen_get_n_members (KtDemoGen *gen)
{
  return gen->n_members;
}

guint
kt_demo_gen_get_position (KtDemoGen *gen)
{
  return gen->position;
}

const char *
kt_demo_gen_get_today (KtDemoGen *gen)
{
  return gen->days[gen->last_day].date;
}

const char *
kt_demo_language_to_string (KtDemoLanguage language)
{
  switch (language)
    {
    case KT_DEMO_LANGUAGE_ENGLISH:
      return "en";
    case KT_DEMO_LANGUAGE_RUSSIAN:
      return "ru";
    case KT_DEMO_LANGUAGE_UKRAINIAN:
      return "uk";
    case KT_DEMO_LANGUAGE_HUNGARIAN:
      return "hu";
    default:
      g_return_val_if_reached ("");
    }
}

/* ---- a member's profile ----------------------------------------------- */

static void
format_date (char  out[KT_DEMO_DATE_LEN],
             GDate *date)
{
  g_snprintf (out, KT_DEMO_DATE_LEN, "%04u-%02u-%02u",
              (guint) g_date_get_year (date), (guint) g_date_get_month (date),
              (guint) g_date_get_day (date));
}

static void
format_stamp (KtDemoGen *gen,
              gint64     stamp,
              char       out[KT_DEMO_DATETIME_LEN])
{
  guint day = (guint) (stamp / SECONDS_PER_DAY);
  guint second = (guint) (stamp % SECONDS_PER_DAY);
  guint h = second / 3600;
  guint m = second / 60 % 60;
  guint s = second % 60;

  /* By hand: this runs for every purchase. */
  memcpy (out, gen->days[day].date, 10);
  out[10] = ' ';
  out[11] = '0' + h / 10;
  out[12] = '0' + h % 10;
  out[13] = ':';
  out[14] = '0' + m / 10;
  out[15] = '0' + m % 10;
  out[16] = ':';
  out[17] = '0' + s / 10;
  out[18] = '0' + s % 10;
  out[19] = '\0';
}

/* Russian and Ukrainian surnames agree with gender: Петров -> Петрова,
 * Вишневский -> Вишневская, Ковальський -> Ковальська, Толстой -> Толстая;
 * -енко, -ук, -юк and the like stay as they are. */
static void
feminine_surname (KtDemoLanguage  language,
                  const char     *male,
                  char           *out,
                  gsize           size)
{
  gsize len = strlen (male);

  if (language == KT_DEMO_LANGUAGE_RUSSIAN &&
      (g_str_has_suffix (male, "ий") || g_str_has_suffix (male, "ой")))
    g_snprintf (out, size, "%.*sая", (int) (len - strlen ("ий")), male);
  else if (language == KT_DEMO_LANGUAGE_UKRAINIAN &&
           (g_str_has_suffix (male, "ський") || g_str_has_suffix (male, "цький")))
    g_snprintf (out, size, "%.*sа", (int) (len - strlen ("ий")), male);
  else if (language == KT_DEMO_LANGUAGE_UKRAINIAN && g_str_has_suffix (male, "ний"))
    g_snprintf (out, size, "%.*sа", (int) (len - strlen ("ий")), male);
  else if (g_str_has_suffix (male, "ов") || g_str_has_suffix (male, "ев") ||
           g_str_has_suffix (male, "ёв") || g_str_has_suffix (male, "ин") ||
           g_str_has_suffix (male, "ын"))
    g_snprintf (out, size, "%sа", male);
  else
    g_strlcpy (out, male, size);
}

/* Latin letters for one lowercase character, as people spell their names in
 * e-mail addresses. Ukrainian and Russian differ: и is "y" in Ukrainian,
 * "i" in Russian; г is "h" and "g". */
static const char *
latin_for (gunichar        c,
           KtDemoLanguage  language)
{
  gboolean uk = language == KT_DEMO_LANGUAGE_UKRAINIAN;

  switch (c)
    {
    case 0x430: return "a";
    case 0x431: return "b";
    case 0x432: return "v";
    case 0x433: return uk ? "h" : "g";
    case 0x491: return "g";
    case 0x434: return "d";
    case 0x435: return "e";
    case 0x451: return "e";
    case 0x454: return "ye";
    case 0x436: return "zh";
    case 0x437: return "z";
    case 0x438: return uk ? "y" : "i";
    case 0x456: return "i";
    case 0x457: return "yi";
    case 0x439: return "y";
    case 0x43a: return "k";
    case 0x43b: return "l";
    case 0x43c: return "m";
    case 0x43d: return "n";
    case 0x43e: return "o";
    case 0x43f: return "p";
    case 0x440: return "r";
    case 0x441: return "s";
    case 0x442: return "t";
    case 0x443: return "u";
    case 0x444: return "f";
    case 0x445: return "kh";
    case 0x446: return "ts";
    case 0x447: return "ch";
    case 0x448: return "sh";
    case 0x449: return "shch";
    case 0x44b: return "y";
    case 0x44d: return "e";
    case 0x44e: return "yu";
    case 0x44f: return "ya";
    case 0xe1: return "a";
    case 0xe9: return "e";
    case 0xed: return "i";
    case 0xf3: case 0xf6: case 0x151: return "o";
    case 0xfa: case 0xfc: case 0x171: return "u";
    default: return NULL;
    }
}

/* The ASCII spelling of a name for an e-mail address: "Ковальська" ->
 * "kovalska", "Szőke" -> "szoke", "O'Brien" -> "obrien". */
static void
transliterate (const char      *text,
               KtDemoLanguage   language,
               char            *out,
               gsize            size)
{
  gsize n = 0;

  for (const char *p = text; *p != '\0' && n + 5 < size; p = g_utf8_next_char (p))
    {
      gunichar c = g_unichar_tolower (g_utf8_get_char (p));
      const char *latin;

      if (c < 0x80)
        {
          if (g_ascii_isalnum (c))
            out[n++] = (char) c;
          continue;
        }
      latin = latin_for (c, language);
      if (latin == NULL)
        continue;   /* soft signs, apostrophes */
      for (; *latin != '\0'; latin++)
        out[n++] = *latin;
    }
  out[n] = '\0';
}

static void
make_name (Rng            *rng,
           KtDemoLanguage  language,
           gboolean        female,
           guint           age,
           KtDemoMember   *out,
           char           *given_out,
           char           *family_out,
           gsize           part_size)
{
  const Language *lang = &languages[language];
  const char *given = female ? lang->female[rng_below (rng, lang->n_female)]
                             : lang->male[rng_below (rng, lang->n_male)];
  const char *family = lang->family[rng_below (rng, lang->n_family)];
  char family_form[64];
  guint style = (guint) rng_below (rng, 100);

  if (female)
    feminine_surname (language, family, family_form, sizeof family_form);
  else
    g_strlcpy (family_form, family, sizeof family_form);

  g_strlcpy (given_out, given, part_size);
  g_strlcpy (family_out, family_form, part_size);

  switch (language)
    {
    case KT_DEMO_LANGUAGE_RUSSIAN:
    case KT_DEMO_LANGUAGE_UKRAINIAN:
      {
        /* Registers in these languages are mostly kept surname first,
         * often with the patronymic. */
        const char *const (*patronymics)[2] =
          language == KT_DEMO_LANGUAGE_RUSSIAN ? ru_patronymic : uk_patronymic;
        const char *patronymic = patronymics[rng_below (rng, G_N_ELEMENTS (ru_patronymic))][female];

        G_STATIC_ASSERT (G_N_ELEMENTS (ru_patronymic) == G_N_ELEMENTS (uk_patronymic));
        if (style < 55)
          g_snprintf (out->name, sizeof out->name, "%s %s", family_form, given);
        else if (style < 85)
          g_snprintf (out->name, sizeof out->name, "%s %s %s", family_form, given, patronymic);
        else
          g_snprintf (out->name, sizeof out->name, "%s %s", given, family_form);
      }
      break;

    case KT_DEMO_LANGUAGE_HUNGARIAN:
      /* Family name first. Many married women of the older generations use
       * the husband's name with -né before their own. */
      if (female && age >= 45 && style < 25)
        g_snprintf (out->name, sizeof out->name, "%sné %s %s",
                    lang->family[rng_below (rng, lang->n_family)], family_form, given);
      else
        g_snprintf (out->name, sizeof out->name, "%s %s", family_form, given);
      break;

    case KT_DEMO_LANGUAGE_ENGLISH:
    default:
      g_snprintf (out->name, sizeof out->name, "%s %s", given, family_form);
      break;
    }
}

static void
make_phone (Rng            *rng,
            KtDemoLanguage  language,
            char           *out,
            gsize           size)
{
  guint a = (guint) rng_below (rng, 1000);
  guint b = (guint) rng_below (rng, 100);
  guint c = (guint) rng_below (rng, 100);
  gboolean landline = rng_chance (rng, 1000);

  switch (language)
    {
    case KT_DEMO_LANGUAGE_UKRAINIAN:
      g_snprintf (out, size, "+380 %02u %03u %02u %02u", PICK (rng, ua_mobile), a, b, c);
      break;
    case KT_DEMO_LANGUAGE_RUSSIAN:
      g_snprintf (out, size, "+7 %03u %03u %02u %02u", PICK (rng, ru_mobile), a, b, c);
      break;
    case KT_DEMO_LANGUAGE_HUNGARIAN:
      if (landline)   /* Budapest */
        g_snprintf (out, size, "+36 1 %03u %02u%02u", 200 + a % 800, b, c);
      else
        g_snprintf (out, size, "+36 %02u %03u %02u%02u", PICK (rng, hu_mobile), a, b, c);
      break;
    case KT_DEMO_LANGUAGE_ENGLISH:
    default:
      if (landline)   /* London */
        g_snprintf (out, size, "+44 20 %04u %02u%02u", 3000 + a * 6, b, c);
      else
        g_snprintf (out, size, "+44 7%03u %03u%03u", 400 + a % 600, a, b * 10 + c % 10);
      break;
    }
}

static const char *
pick_domain (Rng            *rng,
             KtDemoLanguage  language)
{
  const Language *lang = &languages[language];
  guint weights[8];

  g_assert (lang->n_domains <= G_N_ELEMENTS (weights));
  for (guint i = 0; i < lang->n_domains; i++)
    weights[i] = lang->domains[i].weight;
  return lang->domains[rng_pick (rng, weights, lang->n_domains)].domain;
}

static void
make_email (Rng            *rng,
            KtDemoLanguage  language,
            const char     *given,
            const char     *family,
            guint           birth_year,
            char           *out,
            gsize           size)
{
  char f[48];
  char l[64];
  const char *domain = pick_domain (rng, language);
  guint digits = 1 + (guint) rng_below (rng, 99);
  guint year = birth_year != 0 ? birth_year : 1960 + (guint) rng_below (rng, 45);

  transliterate (given, language, f, sizeof f);
  transliterate (family, language, l, sizeof l);

  switch (rng_below (rng, 8))
    {
    case 0:
      g_snprintf (out, size, "%s.%s@%s", f, l, domain);
      break;
    case 1:
      g_snprintf (out, size, "%s.%s%u@%s", f, l, digits, domain);
      break;
    case 2:
      g_snprintf (out, size, "%s.%s@%s", l, f, domain);
      break;
    case 3:
      g_snprintf (out, size, "%s%s%u@%s", f, l, year, domain);
      break;
    case 4:
      g_snprintf (out, size, "%c.%s@%s", f[0], l, domain);
      break;
    case 5:
      g_snprintf (out, size, "%s_%s@%s", f, l, domain);
      break;
    case 6:
      g_snprintf (out, size, "%s%02u@%s", l, year % 100, domain);
      break;
    default:
      g_snprintf (out, size, "%s.%s.%u@%s", f, l, digits, domain);
      break;
    }
}


/* Age when joining: most members are between 25 and 60, some younger or
 * older. Fills the birth date ("" when the member did not give it) and
 * returns the birth year, or 0. */
static guint
make_birth_date (Rng       *rng,
                 KtDemoGen *gen,
                 guint      join_day,
                 guint     *out_age,
                 char       out[KT_DEMO_DATE_LEN])
{
  GDate date;
  guint age;

  if (rng_chance (rng, 8000))
    age = 18 + (guint) ((rng_uniform (rng) + rng_uniform (rng)) * 25.0);
  else
    age = 16 + (guint) rng_below (rng, 67);
  *out_age = age;

  if (rng_chance (rng, 1200))
    {
      out[0] = '\0';
      return 0;
    }

  g_date_clear (&date, 1);
  g_date_set_julian (&date, gen->first_julian + join_day - age * 365 - age / 4 -
                            (guint32) rng_below (rng, 365));
  format_date (out, &date);
  return g_date_get_year (&date);
}

static void
make_consent (Rng          *rng,
              KtDemoGen    *gen,
              guint         join_day,
              KtDemoMember *out)
{
  guint day = join_day;

  out->consent = rng_chance (rng, 6000);
  if (!out->consent)
    {
      out->consent_date[0] = '\0';
      return;
    }
  /* Most agree on the sign-up form, some later at the till. */
  if (rng_chance (rng, 2000))
    day += (guint) rng_below (rng, gen->last_day - join_day + 1);
  g_strlcpy (out->consent_date, gen->days[day].date, sizeof out->consent_date);
}

/* Friends recommend the shop to friends: a referrer is an earlier member,
 * usually one who speaks the same language. */
static gint64
make_referrer (Rng            *rng,
               KtDemoGen      *gen,
               guint           index,
               KtDemoLanguage  language)
{
  guint candidate;

  if (index == 0 || !rng_chance (rng, 400))
    return 0;

  candidate = (guint) rng_below (rng, index);
  for (guint tries = 0; tries < 4 && member_language (gen, candidate) != language; tries++)
    candidate = (guint) rng_below (rng, index);
  return (gint64) candidate + 1;
}

static void
make_profile (KtDemoGen    *gen,
              Rng          *rng,
              guint         index,
              const Rhythm *rhythm,
              KtDemoMember *out)
{
  const Language *lang = &languages[out->language];
  gboolean female = rng_chance (rng, 5800);
  char given[64];
  char family[64];
  guint birth_year;
  guint age;

  birth_year = make_birth_date (rng, gen, rhythm->join_day, &age, out->birth_date);
  make_name (rng, out->language, female, age, out, given, family, sizeof given);

  out->phone[0] = '\0';
  if (rng_chance (rng, 9200))
    make_phone (rng, out->language, out->phone, sizeof out->phone);

  out->email[0] = '\0';
  if (rng_chance (rng, 7200))
    make_email (rng, out->language, given, family, birth_year, out->email, sizeof out->email);

  out->notes = "";
  if (rng_chance (rng, 300))
    out->notes = lang->notes[rng_below (rng, lang->n_notes)];

  make_consent (rng, gen, rhythm->join_day, out);
  out->referrer_id = make_referrer (rng, gen, index, out->language);
}

/* ---- cards and purchases ---------------------------------------------- */

static void
add_card (KtDemoGen       *gen,
          KtDemoMember    *out,
          KtDemoCardState  state,
          gint64           issued,
          gint64           changed)
{
  KtDemoCard *card = &out->cards[out->n_cards++];
  g_autofree char *number = kt_card_number_make (gen->card_prefix, gen->next_sequence);

  g_strlcpy (card->number, number, sizeof card->number);
  card->sequence = gen->next_sequence++;
  card->state = state;
  format_stamp (gen, issued, card->issued);
  format_stamp (gen, changed, card->changed);
  card->replaced_by = -1;
}

/* One card handed out on joining; about one member in fifty lost it once
 * and got a new one. A blocked member's current card is blocked. Returns
 * when the first card was lost, or G_MAXINT64. */
static gint64
make_cards (KtDemoGen    *gen,
            Rng          *rng,
            const Rhythm *rhythm,
            gint64        joined_at,
            KtDemoMember *out)
{
  gint64 lost_at = G_MAXINT64;
  gint64 issued = joined_at;
  KtDemoCardState state = KT_DEMO_CARD_ACTIVE;
  gint64 changed;

  out->n_cards = 0;
  if (rng_chance (rng, 200) && rhythm->end_day >= rhythm->join_day + 14)
    {
      guint day = rhythm->join_day + 14 +
                  (guint) rng_below (rng, rhythm->end_day - rhythm->join_day - 14 + 1);

      lost_at = (gint64) day * SECONDS_PER_DAY + OPENS +
                (gint64) rng_below (rng, CLOSES - OPENS - 3600);
      add_card (gen, out, KT_DEMO_CARD_LOST, joined_at, lost_at);
      out->cards[0].replaced_by = 1;
      issued = lost_at;
    }

  changed = issued;
  if (rhythm->status == KT_MEMBER_BLOCKED)
    {
      state = KT_DEMO_CARD_BLOCKED;
      changed = (gint64) rhythm->block_day * SECONDS_PER_DAY + OPENS +
                (gint64) rng_below (rng, CLOSES - OPENS);
    }
  add_card (gen, out, state, issued, changed);
  return lost_at;
}

static gint64
visit_time (Rng   *rng,
            guint  day)
{
  guint hour = 9 + rng_pick (rng, hour_weights, G_N_ELEMENTS (hour_weights));

  return (gint64) day * SECONDS_PER_DAY + hour * 3600 + (gint64) rng_below (rng, 3600);
}

static void
sort_stamps (gint64 *stamps,
             guint   n)
{
  /* Almost sorted already (only visits on the same day can be out of
   * order), so insertion sort is linear here. */
  for (guint i = 1; i < n; i++)
    {
      gint64 value = stamps[i];
      guint j = i;

      for (; j > 0 && stamps[j - 1] > value; j--)
        stamps[j] = stamps[j - 1];
      stamps[j] = value;
    }
}

/* When the member's n visits happen: stratified over the intensity of the
 * member's active days, so visits keep the member's rhythm and follow the
 * seasons and the weekdays. */
static void
make_visits (KtDemoGen    *gen,
             Rng          *rng,
             const Rhythm *rhythm,
             gint64        joined_at,
             guint         n)
{
  gint64 *stamps = gen->stamps;
  guint first = 0;
  guint from = rhythm->join_day;
  guint64 base;
  guint64 mass;

  if (n == 0)
    return;

  if (rhythm->bought_at_sign_up)
    {
      stamps[first++] = joined_at + 60 + (gint64) rng_below (rng, 900);
      if (rhythm->end_day > rhythm->join_day)
        from++;
    }

  base = gen->cumulative[from];
  mass = window_mass (gen, from, rhythm->end_day);
  for (guint k = first; k < n; k++)
    {
      guint64 slot = ((guint64) (k - first) * mass + rng_below (rng, mass)) / (n - first);
      gint64 at = visit_time (rng, day_at_mass (gen, base + slot));

      /* Not before the card was handed out. */
      if (at <= joined_at)
        at = joined_at + 60 + (gint64) rng_below (rng, 3600);
      stamps[k] = at;
    }
  sort_stamps (stamps, n);
}

static void
make_purchase (Rng            *rng,
               guint           basket,
               double          member_factor,
               KtDemoPurchase *purchase)
{
  const Category *category = &categories[rng_pick (rng, category_weights,
                                                   G_N_ELEMENTS (category_weights))];
  double x = category->median * (basket / 100.0) * member_factor *
             det_exp (0.65 * rng_normal (rng));
  double price;
  KtMoney amount;
  guint items;

  /* Now and then a big shop: a party, a new coat, presents. */
  if (rng_chance (rng, 150))
    x *= det_exp (0.7 + 1.6 * rng_uniform (rng));
  if (x > AMOUNT_MAX)
    x = AMOUNT_MAX * (0.75 + 0.25 * rng_uniform (rng));
  amount = MAX (AMOUNT_MIN, (KtMoney) (x + 0.5));

  price = category->item_price * (0.6 + 0.8 * rng_uniform (rng));
  items = (guint) (amount / price + 0.5);

  purchase->amount = amount;
  purchase->items = CLAMP (items, 1, ITEMS_MAX);
  purchase->category = category->key;
  purchase->points_earned = amount * POINTS_PER_CENT_PAID / 100;
}

static void
ensure_capacity (KtDemoGen *gen,
                 guint      n)
{
  if (n <= gen->allocated)
    return;
  gen->allocated = MAX (n, gen->allocated * 2);
  gen->purchases = g_renew (KtDemoPurchase, gen->purchases, gen->allocated);
  gen->stamps = g_renew (gint64, gen->stamps, gen->allocated);
}

gboolean
kt_demo_gen_next_member (KtDemoGen    *gen,
                         KtDemoMember *out)
{
  guint index;
  Rhythm rhythm;
  Rng profile;
  Rng buying;
  guint n;
  gint64 joined_at;
  gint64 lost_at;
  double member_factor;

  g_return_val_if_fail (gen != NULL && out != NULL, FALSE);

  index = gen->position;
  if (index >= gen->n_members)
    return FALSE;

  member_rhythm (gen, index, &rhythm);
  n = member_purchases (gen, &rhythm);
  ensure_capacity (gen, n);

  rng_seed (&profile, gen->seed, index, STREAM_PROFILE);
  rng_seed (&buying, gen->seed, index, STREAM_PURCHASES);

  out->id = (gint64) index + 1;
  out->language = member_language (gen, index);
  out->rhythm = rhythm.rhythm;
  out->status = rhythm.status;
  g_strlcpy (out->joined, gen->days[rhythm.join_day].date, sizeof out->joined);
  make_profile (gen, &profile, index, &rhythm, out);

  joined_at = (gint64) rhythm.join_day * SECONDS_PER_DAY + OPENS +
              (gint64) rng_below (&profile, 9 * 3600);
  lost_at = make_cards (gen, &profile, &rhythm, joined_at, out);
  /* Some people buy big, some small, whatever their rhythm. */
  member_factor = det_exp (0.3 * rng_normal (&profile));

  make_visits (gen, &buying, &rhythm, joined_at, n);
  for (guint k = 0; k < n; k++)
    {
      KtDemoPurchase *purchase = &gen->purchases[k];

      format_stamp (gen, gen->stamps[k], purchase->at);
      make_purchase (&buying, rhythm.basket, member_factor, purchase);
      purchase->card = (gen->stamps[k] < lost_at || out->n_cards == 1) ? 0 : 1;
    }
  out->purchases = gen->purchases;
  out->n_purchases = n;

  gen->position++;
  return TRUE;
}

/* The demo shop's programme, as a scheme file: card tiers, a VIP card,
 * points earned at the rate the history was generated with (2 %), weekend
 * double points, a drinks stamp card, a birthday discount and referrals. */
static const char demo_programme[] =
  "[Programme]\n"
  "combine = best\n"
  "cap = 15 %\n"
  "max-discount-Food = 5 %\n"
  "\n"
  "[Scheme Card tiers]\n"
  "kind = progressive\n"
  "period = all time\n"
  "tier-Bronze = 500.00 : 1 %\n"
  "tier-Silver = 800.00 : 2 %\n"
  "tier-Gold = 2000.00 : 3.5 %\n"
  "\n"
  "[Scheme VIP card]\n"
  "kind = fixed\n"
  "applies-to = status vip\n"
  "discount = 5 %\n"
  "\n"
  "[Scheme Points]\n"
  "kind = points\n"
  "earn = 2 %\n"
  "activation-days = " G_STRINGIFY (KT_DEMO_ACTIVATION_DAYS) "\n"
  "max-share = 50 %\n"
  "\n"
  "[Scheme Weekend double points]\n"
  "kind = promotion\n"
  "weekdays = sat,sun\n"
  "points-multiplier = 2\n"
  "\n"
  "[Scheme Drinks card]\n"
  "kind = stamps\n"
  "categories = Drinks\n"
  "reward-5 = 3 %\n"
  "reward-7 = 5 %\n"
  "\n"
  "[Scheme Birthday]\n"
  "kind = promotion\n"
  "discount = 10 %\n"
  "birthday-days = 3\n"
  "\n"
  "[Scheme Bring a friend]\n"
  "kind = referral\n"
  "referrer-extra = 1 %\n"
  "newcomer = 2 %\n";

const char *
kt_demo_gen_programme (void)
{
  return demo_programme;
}
