/* kt-bench.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Measures the register's interactive queries on an existing database,
 * through the same library calls the GUI makes: search-as-you-type, card
 * lookup at the till, paging through the member list, and at the till the
 * quote and recording a purchase (which adds N_RECORDS purchases to the
 * register: measure a copy).
 *
 *   kt-bench [--json | --keys] [--seed S] DATABASE
 *
 * A developer's tool, run by build-aux/benchmark.sh; not installed.
 */

#define G_LOG_DOMAIN "kt-bench"

#include "config.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "core/kt-date.h"
#include "store/kt-store.h"
#include "store/kt-store-till.h"

#define N_PREFIXES      200
#define N_CARDS         1000
#define PAGE_ROWS       50     /* what the GUI's list asks for */
#define N_OFFSET_RUNS   5
#define N_KEYSET_PAGES  200
#define N_QUOTES        1000
#define N_RECORDS       200
#define N_REGULARS      200

typedef struct
{
  const char *id;       /* stable key for scripts */
  const char *label;
  GArray     *ms;       /* double */
} Measurement;

typedef struct
{
  KtStore     *store;
  GRand       *rand;
  guint        n_members;
  Measurement  search_first_page;
  Measurement  search_page;
  Measurement  card_lookup;
  Measurement  page_offset_0;
  Measurement  page_offset_half;
  Measurement  page_keyset;
  Measurement  quote;
  Measurement  history;
  Measurement  quote_regulars;
  Measurement  history_regulars;
  Measurement  record;
} Bench;

/* ---- timing and figures -------------------------------------------------- */

static double
now_ms (void)
{
  struct timespec ts;

  /* Nanoseconds: a card lookup takes some 20 µs, below what
   * g_get_monotonic_time() resolves usefully. */
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void
measurement_init (Measurement *m,
                  const char  *id,
                  const char  *label)
{
  m->id = id;
  m->label = label;
  m->ms = g_array_new (FALSE, FALSE, sizeof (double));
}

static void
measurement_add (Measurement *m,
                 double       ms)
{
  g_array_append_val (m->ms, ms);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Nearest-rank percentile of the sorted samples. */
static double
percentile (Measurement *m,
            double       p)
{
  guint rank;

  if (m->ms->len == 0)
    return 0.0;
  g_array_sort (m->ms, compare_doubles);
  rank = (guint) (p / 100.0 * m->ms->len + 0.999999);
  rank = CLAMP (rank, 1, m->ms->len);
  return g_array_index (m->ms, double, rank - 1);
}

/* ---- samples -------------------------------------------------------------- */

static void
die (const char *what,
     GError     *error)
{
  g_printerr ("kt-bench: %s: %s\n", what, error != NULL ? error->message : "failed");
  exit (1);
}

/* Members picked at random with a fixed seed. Ids are dense (members are
 * archived, never deleted), so a random id in 1..n is a cheap random
 * member; archived and erased ones are skipped. */
static KtMember *
random_member (Bench *bench)
{
  for (guint attempt = 0; attempt < 1000; attempt++)
    {
      gint64 id = g_rand_int_range (bench->rand, 1, (gint32) bench->n_members + 1);
      KtMember *member = kt_store_member_get (bench->store, id, NULL);

      if (member != NULL && !member->archived && !member->erased && *member->name != '\0')
        return member;
      g_clear_pointer (&member, kt_member_free);
    }
  die ("cannot find members to sample", NULL);
  return NULL;
}

/* The first 1..4 letters (cycling) of a random word of a random member's
 * name: what a user types while searching. */
static char *
random_prefix (Bench *bench,
               guint  length)
{
  g_autoptr(KtMember) member = random_member (bench);
  g_auto(GStrv) words = g_strsplit_set (member->name, " -", -1);
  guint n_words = g_strv_length (words);
  const char *word = "";

  for (guint attempt = 0; attempt < 8 && *word == '\0'; attempt++)
    word = words[g_rand_int_range (bench->rand, 0, (gint32) n_words)];
  if (*word == '\0')
    word = member->name;

  return g_utf8_substring (word, 0, MIN ((glong) length, g_utf8_strlen (word, -1)));
}

static GPtrArray *
random_card_numbers (Bench *bench,
                     guint  count)
{
  GPtrArray *numbers = g_ptr_array_new_with_free_func (g_free);
  guint attempts = 0;

  while (numbers->len < count && attempts++ < count * 20)
    {
      g_autoptr(KtMember) member = random_member (bench);

      if (*member->card != '\0')
        g_ptr_array_add (numbers, g_strdup (member->card));
    }
  if (numbers->len == 0)
    die ("no member has an active card", NULL);
  return numbers;
}

/* ---- the measurements -------------------------------------------------------- */

static void
time_search (Bench      *bench,
             const char *text,
             gboolean    with_count)
{
  KtMemberQuery query = { text, KT_MEMBER_SORT_NAME, FALSE };
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GError) error = NULL;
  guint count = 0;
  double start = now_ms ();

  if (with_count && !kt_store_member_count (bench->store, &query, &count, &error))
    die ("count", error);
  page = kt_store_member_page (bench->store, &query, NULL, 0, PAGE_ROWS, &error);
  if (page == NULL)
    die ("page", error);

  measurement_add (with_count ? &bench->search_first_page : &bench->search_page,
                   now_ms () - start);
}

static void
bench_search (Bench *bench)
{
  g_autoptr(GPtrArray) prefixes = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < N_PREFIXES; i++)
    g_ptr_array_add (prefixes, random_prefix (bench, i % 4 + 1));

  /* Warm-up: the first call prepares the statements. */
  time_search (bench, prefixes->pdata[0], TRUE);
  g_array_set_size (bench->search_first_page.ms, 0);

  for (guint i = 0; i < prefixes->len; i++)
    time_search (bench, prefixes->pdata[i], TRUE);
  for (guint i = 0; i < prefixes->len; i++)
    time_search (bench, prefixes->pdata[i], FALSE);
}

static void
bench_cards (Bench *bench)
{
  g_autoptr(GPtrArray) numbers = random_card_numbers (bench, N_CARDS);

  for (guint i = 0; i <= numbers->len; i++)
    {
      /* Round 0 is the warm-up. */
      const char *number = numbers->pdata[i == 0 ? 0 : i - 1];
      g_autoptr(GError) error = NULL;
      g_autoptr(KtCard) card = NULL;
      double start = now_ms ();
      double elapsed;

      card = kt_store_card_lookup (bench->store, number, &error);
      elapsed = now_ms () - start;
      if (card == NULL)
        die (number, error);
      if (card->state != KT_CARD_ACTIVE)
        die ("a member's card is not active", NULL);
      if (i > 0)
        measurement_add (&bench->card_lookup, elapsed);
    }
}

static GPtrArray *
time_page (Bench          *bench,
           Measurement    *m,
           const KtMember *after,
           guint           offset)
{
  KtMemberQuery query = { NULL, KT_MEMBER_SORT_NAME, FALSE };
  g_autoptr(GError) error = NULL;
  GPtrArray *page;
  double start = now_ms ();

  page = kt_store_member_page (bench->store, &query, after, offset, PAGE_ROWS, &error);
  if (page == NULL)
    die ("page", error);
  measurement_add (m, now_ms () - start);
  return page;
}

static void
bench_paging (Bench *bench)
{
  g_autoptr(KtMember) last = NULL;

  for (guint run = 0; run < N_OFFSET_RUNS; run++)
    {
      g_autoptr(GPtrArray) first = time_page (bench, &bench->page_offset_0, NULL, 0);
      g_autoptr(GPtrArray) middle = time_page (bench, &bench->page_offset_half, NULL,
                                               bench->n_members / 2);
    }

  /* Scrolling on: each page continues after the last row of the one before. */
  for (guint i = 0; i < N_KEYSET_PAGES; i++)
    {
      g_autoptr(GPtrArray) page = time_page (bench, &bench->page_keyset, last, 0);

      if (page->len == 0)
        break;
      g_clear_pointer (&last, kt_member_free);
      last = kt_member_copy (page->pdata[page->len - 1]);
    }
}

/* ---- the till ------------------------------------------------------------------ */

/* A purchase of a random member who can shop: what the till would ask. */
static KtPurchaseInput
random_purchase (Bench       *bench,
                 const char  *at)
{
  KtPurchaseInput purchase = { 0 };

  purchase.amount = g_rand_int_range (bench->rand, 100, 30000);
  purchase.items = g_rand_int_range (bench->rand, 1, 6);
  purchase.at = at;
  return purchase;
}

static gboolean
can_shop (const KtMember *member)
{
  return member->status != KT_MEMBER_BLOCKED;
}

/* Times the quote for one member, and (the reference) reading the same
 * member's purchase history, which a quote from the history would need. */
static void
time_quote (Bench        *bench,
            gint64        member_id,
            const char   *at,
            Measurement  *quote_ms,
            Measurement  *history_ms)
{
  KtPurchaseInput purchase = random_purchase (bench, at);
  g_autoptr(GError) error = NULL;
  g_autoptr(KtQuote) quote = NULL;
  g_autoptr(GPtrArray) history = NULL;
  double start;

  start = now_ms ();
  quote = kt_store_quote (bench->store, member_id, &purchase, &error);
  if (quote_ms != NULL)
    measurement_add (quote_ms, now_ms () - start);
  if (quote == NULL)
    die ("quote", error);

  start = now_ms ();
  history = kt_store_member_purchases (bench->store, member_id, 0, G_MAXINT, &error);
  if (history_ms != NULL)
    measurement_add (history_ms, now_ms () - start);
  if (history == NULL)
    die ("history", error);
}

static void
bench_till (Bench *bench)
{
  g_autofree char *at = kt_datetime_now ();
  KtMemberQuery regulars = { NULL, KT_MEMBER_SORT_PURCHASES, TRUE };
  g_autoptr(GPtrArray) most = NULL;
  g_autoptr(GError) page_error = NULL;

  /* Round 0 is the warm-up: it reads the programme. */
  for (guint i = 0; i <= N_QUOTES; i++)
    {
      g_autoptr(KtMember) member = random_member (bench);

      if (!can_shop (member))
        {
          i--;
          continue;
        }
      time_quote (bench, member->id, at, i > 0 ? &bench->quote : NULL,
                  i > 0 ? &bench->history : NULL);
    }

  /* The shop's most regular customers, with the longest histories: the
   * quote costs them the same, the history does not. */
  most = kt_store_member_page (bench->store, &regulars, NULL, 0, N_REGULARS, &page_error);
  if (most == NULL)
    die ("regulars", page_error);
  for (guint i = 0; i < most->len; i++)
    {
      const KtMember *member = most->pdata[i];

      if (can_shop (member))
        time_quote (bench, member->id, at, &bench->quote_regulars, &bench->history_regulars);
    }

  /* Each record is durable on disk when it returns (synchronous=FULL). */
  for (guint i = 0; i < N_RECORDS; i++)
    {
      g_autoptr(KtMember) member = random_member (bench);
      KtPurchaseInput purchase = random_purchase (bench, at);
      g_autoptr(GError) error = NULL;
      double start;
      gint64 id;

      if (!can_shop (member))
        {
          i--;
          continue;
        }
      start = now_ms ();
      id = kt_store_purchase_record (bench->store, member->id, NULL, &purchase, NULL, NULL,
                                     &error);
      measurement_add (&bench->record, now_ms () - start);
      if (id == 0)
        die ("record", error);
    }
}

/* ---- output ---------------------------------------------------------------------- */

static void
print_table (Bench        *bench,
             Measurement **all,
             guint         n)
{
  g_print ("%s: %u members\n\n", kt_store_get_path (bench->store), bench->n_members);
  g_print ("%-34s %6s %11s %11s %11s\n", "measurement", "runs", "median ms", "p95 ms", "max ms");
  for (guint i = 0; i < n; i++)
    g_print ("%-34s %6u %11.3f %11.3f %11.3f\n", all[i]->label, all[i]->ms->len,
             percentile (all[i], 50), percentile (all[i], 95), percentile (all[i], 100));
}

static void
print_keys (Bench        *bench,
            Measurement **all,
            guint         n)
{
  g_print ("members=%u\n", bench->n_members);
  for (guint i = 0; i < n; i++)
    {
      g_print ("%s_runs=%u\n", all[i]->id, all[i]->ms->len);
      g_print ("%s_median_ms=%.3f\n", all[i]->id, percentile (all[i], 50));
      g_print ("%s_p95_ms=%.3f\n", all[i]->id, percentile (all[i], 95));
      g_print ("%s_max_ms=%.3f\n", all[i]->id, percentile (all[i], 100));
    }
}

/* RFC 8259 string escapes; the rest of the JSON below is our own ASCII ids
 * and numbers. */
static char *
json_escape (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c == '"' || c == '\\')
        g_string_append_printf (out, "\\%c", c);
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, (char) c);
    }
  return g_string_free (out, FALSE);
}

static void
print_json (Bench        *bench,
            Measurement **all,
            guint         n)
{
  g_autofree char *path = json_escape (kt_store_get_path (bench->store));

  g_print ("{\n  \"database\": \"%s\",\n  \"members\": %u,\n  \"measurements\": [\n",
           path, bench->n_members);
  for (guint i = 0; i < n; i++)
    g_print ("    {\"id\": \"%s\", \"runs\": %u, \"median_ms\": %.3f, \"p95_ms\": %.3f, "
             "\"max_ms\": %.3f}%s\n",
             all[i]->id, all[i]->ms->len, percentile (all[i], 50), percentile (all[i], 95),
             percentile (all[i], 100), i + 1 < n ? "," : "");
  g_print ("  ]\n}\n");
}

/* ---- main -------------------------------------------------------------------------- */

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  KtMemberQuery everyone = { NULL, KT_MEMBER_SORT_NAME, FALSE };
  gboolean json = FALSE;
  gboolean keys = FALSE;
  gint64 seed = 20240101;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print JSON", NULL },
    { "keys", 0, 0, G_OPTION_ARG_NONE, &keys, "Print key=value lines (for scripts)", NULL },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, "Seed of the random samples", "S" },
    { NULL }
  };
  Bench bench = { NULL };
  Measurement *all[11];

  context = g_option_context_new ("DATABASE");
  g_option_context_set_summary (context,
                                "Measures search, card lookup and list paging on a register.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    die ("options", error);
  if (argc != 2)
    {
      g_printerr ("kt-bench: give one database; see kt-bench --help\n");
      return 2;
    }
  if (!g_file_test (argv[1], G_FILE_TEST_IS_REGULAR))
    {
      g_printerr ("kt-bench: %s: no such database\n", argv[1]);
      return 1;
    }

  bench.store = kt_store_open (argv[1], &error);
  if (bench.store == NULL)
    die (argv[1], error);
  bench.rand = g_rand_new_with_seed ((guint32) seed);
  if (!kt_store_member_count (bench.store, &everyone, &bench.n_members, &error))
    die ("count", error);
  if (bench.n_members == 0)
    die ("the register has no members; fill it with kartoteka-cli demo", NULL);

  measurement_init (&bench.search_first_page, "search_first_page",
                    "search first page (count + page)");
  measurement_init (&bench.search_page, "search_page", "search page only");
  measurement_init (&bench.card_lookup, "card_lookup", "card lookup");
  measurement_init (&bench.page_offset_0, "page_offset_0", "list page at offset 0");
  measurement_init (&bench.page_offset_half, "page_offset_half", "list page at offset n/2");
  measurement_init (&bench.page_keyset, "page_keyset", "list next page (keyset)");
  all[0] = &bench.search_first_page;
  all[1] = &bench.search_page;
  all[2] = &bench.card_lookup;
  all[3] = &bench.page_offset_0;
  all[4] = &bench.page_offset_half;
  all[5] = &bench.page_keyset;
  measurement_init (&bench.quote, "quote", "quote at the till");
  measurement_init (&bench.record, "record", "record a purchase (durable)");
  all[6] = &bench.quote;
  measurement_init (&bench.history, "history", "reference: read the member's history");
  measurement_init (&bench.quote_regulars, "quote_regulars", "quote, most regular customers");
  measurement_init (&bench.history_regulars, "history_regulars",
                    "reference: their history read");
  all[7] = &bench.history;
  all[8] = &bench.quote_regulars;
  all[9] = &bench.history_regulars;
  all[10] = &bench.record;

  bench_search (&bench);
  bench_cards (&bench);
  bench_paging (&bench);
  bench_till (&bench);

  if (json)
    print_json (&bench, all, G_N_ELEMENTS (all));
  else if (keys)
    print_keys (&bench, all, G_N_ELEMENTS (all));
  else
    print_table (&bench, all, G_N_ELEMENTS (all));

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    g_array_unref (all[i]->ms);
  g_rand_free (bench.rand);
  kt_store_close (bench.store);
  return 0;
}
