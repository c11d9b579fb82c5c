/* test-cli-till.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * kartoteka-cli at the till, as a shop runs it: a scheme file is
 * imported, purchases are quoted, recorded and refunded, points and gift
 * cards change by hand, and every figure printed is the one worked out by
 * hand from the shop's rules.
 */

#define G_LOG_DOMAIN "test-cli-till"

#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "kt-test-cli.h"

/* The programme of the tests: the domain's progressive example (from
 * 500.00 spent, 1 % on the following purchases; from 800.00, 2 %) and
 * bonus points (1 % of what is paid with money, 1 point = 0.01, at most
 * half of a purchase payable with points, usable at once, no expiry). */
static const char programme_file[] =
  "[Programme]\n"
  "combine = best\n"
  "cap = 15 %\n"
  "\n"
  "[Scheme Gold tiers]\n"
  "kind = progressive\n"
  "period = all time\n"
  "tier-Bronze = 500.00 : 1 %\n"
  "tier-Silver = 800.00 : 2 %\n"
  "\n"
  "[Scheme Points]\n"
  "kind = points\n"
  "earn = 1 %\n"
  "max-share = 50 %\n";

/* A valid scheme first, then a percentage over 100 % on line 10: the
 * whole file is refused, the valid scheme is not added either. */
static const char bad_file[] =
  "[Programme]\n"                       /* 1 */
  "combine = add\n"                     /* 2 */
  "\n"                                  /* 3 */
  "[Scheme VIP]\n"                      /* 4 */
  "kind = fixed\n"                      /* 5 */
  "discount = 5 %\n"                    /* 6 */
  "\n"                                  /* 7 */
  "[Scheme Gold tiers]\n"               /* 8 */
  "kind = progressive\n"                /* 9 */
  "tier-Bronze = 500.00 : 120 %\n"      /* 10 */
  "period = all time\n";                /* 11 */

/* ---- steps ------------------------------------------------------------------ */

/* A file the test writes in the register's folder, removed with the
 * variable so that the folder can go at the end. */
typedef char TempFile;

static void
remove_file (TempFile *path)
{
  g_remove (path);
  g_free (path);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TempFile, remove_file)

static TempFile *
write_file (Fixture    *f,
            const char *name,
            const char *text)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  return path;
}

/* A register with the programme imported and Olena holding a card;
 * returns the card's number. */
static char *
set_up_shop (Fixture *f)
{
  g_auto(Run) run = { 0 };
  g_autoptr(TempFile) path = write_file (f, "programme.ini", programme_file);
  gint64 id;

  init_register (f);
  id = add_member (f, "Olena Kovalenko", "+380 67 123 4567", "olena@example.com");
  cli_run (f, &run, "scheme", "import", path, NULL);
  assert_ok (&run);
  return issue_card (f, id);
}

static char *
scheme_list_json (Fixture *f)
{
  g_auto(Run) run = { 0 };

  cli_run (f, &run, "scheme", "list", "--json", NULL);
  assert_ok (&run);
  return g_steal_pointer (&run.out);
}

/* `member show --card NUMBER --json`, as text (to compare) or parsed. */
static char *
member_text (Fixture    *f,
             const char *card)
{
  g_auto(Run) run = { 0 };

  cli_run (f, &run, "member", "show", "--card", card, "--json", NULL);
  assert_ok (&run);
  return g_steal_pointer (&run.out);
}

static GVariant *
member_json (Fixture    *f,
             const char *card)
{
  g_autofree char *text = member_text (f, card);

  return parse_json (text);
}

/* A successful command's JSON output. */
static GVariant *
output_json (const Run *run)
{
  assert_ok (run);
  return parse_json (run->out);
}

static void
assert_quote (GVariant   *quote,
              const char *discount,
              const char *payable,
              gint64      points_earned,
              gint64      points_redeemed,
              gsize       n_lines)
{
  g_autoptr(GVariant) lines = json_member (quote, "lines");

  g_assert_cmpstr (json_string (quote, "discount"), ==, discount);
  g_assert_cmpstr (json_string (quote, "payable"), ==, payable);
  g_assert_cmpint (json_int (quote, "points_earned"), ==, points_earned);
  g_assert_cmpint (json_int (quote, "points_redeemed"), ==, points_redeemed);
  g_assert_cmpuint (g_variant_n_children (lines), ==, n_lines);
}

static void
assert_line (GVariant   *quote,
             gsize       i,
             const char *scheme,
             const char *reason,
             const char *amount)
{
  g_autoptr(GVariant) lines = json_member (quote, "lines");
  g_autoptr(GVariant) line = json_element (lines, i);

  g_assert_cmpstr (json_string (line, "scheme"), ==, scheme);
  g_assert_cmpstr (json_string (line, "reason"), ==, reason);
  g_assert_cmpstr (json_string (line, "amount"), ==, amount);
}

static void
assert_member (GVariant   *member,
               const char *total_spent,
               gint64      points,
               const char *tier)
{
  g_autoptr(GVariant) standing = json_member (member, "standing");

  g_assert_cmpstr (json_string (member, "total_spent"), ==, total_spent);
  g_assert_cmpint (json_int (member, "points"), ==, points);
  g_assert_cmpint (json_int (standing, "points_balance"), ==, points);
  /* No activation delay and no expiry: every point is usable. */
  g_assert_cmpint (json_int (standing, "points_usable"), ==, points);
  g_assert_cmpint (json_int (standing, "points_pending"), ==, 0);
  if (tier != NULL)
    g_assert_cmpstr (json_string (standing, "tier"), ==, tier);
  else
    g_assert_true (json_is_null (standing, "tier"));
}

static void
assert_check_ok (Fixture *f)
{
  g_auto(Run) run = { 0 };

  cli_run (f, &run, "check", NULL);
  assert_ok (&run);
}

/* ---- the tests ----------------------------------------------------------------- */

static void
test_scheme_import_list (Fixture       *f,
                         gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(GVariant) programme = NULL;
  g_autoptr(GVariant) schemes = NULL;
  g_autoptr(GVariant) tiers = NULL;
  g_autoptr(GVariant) points = NULL;
  g_autoptr(TempFile) exported = NULL;
  g_autofree char *card = set_up_shop (f);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  cli_run (f, &run, "scheme", "list", "--json", NULL);
  programme = output_json (&run);
  g_assert_cmpstr (json_string (programme, "combine"), ==, "best");
  g_assert_cmpint (json_int (programme, "cap_bp"), ==, 1500);
  schemes = json_member (programme, "schemes");
  g_assert_cmpuint (g_variant_n_children (schemes), ==, 2);
  tiers = json_element (schemes, 0);
  points = json_element (schemes, 1);
  g_assert_cmpstr (json_string (tiers, "name"), ==, "Gold tiers");
  g_assert_cmpstr (json_string (tiers, "kind"), ==, "progressive");
  g_assert_true (json_boolean (tiers, "active"));
  g_assert_cmpstr (json_string (tiers, "applies_to"), ==, "everyone");
  g_assert_true (json_is_null (tiers, "valid_from"));
  g_assert_cmpstr (json_string (points, "name"), ==, "Points");
  g_assert_cmpstr (json_string (points, "kind"), ==, "points");

  cli_run (f, &run, "scheme", "list", NULL);
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, "Gold tiers"));
  g_assert_nonnull (strstr (run.out, "progressive"));
  g_assert_nonnull (strstr (run.out, "15 %"));

  /* Exported and imported again, the programme is the same, ids too. */
  before = scheme_list_json (f);
  exported = g_build_filename (f->dir, "exported.ini", NULL);
  cli_run (f, &run, "scheme", "export", exported, NULL);
  assert_ok (&run);
  g_assert_true (g_file_test (exported, G_FILE_TEST_IS_REGULAR));
  cli_run (f, &run, "scheme", "import", exported, NULL);
  assert_ok (&run);
  after = scheme_list_json (f);
  g_assert_cmpstr (after, ==, before);
}

/* A bad file is refused with its line, and nothing changes. */
static void
test_scheme_bad_file (Fixture       *f,
                      gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *card = set_up_shop (f);
  g_autoptr(TempFile) bad = write_file (f, "bad.ini", bad_file);
  g_autofree char *missing = g_build_filename (f->dir, "missing.ini", NULL);
  g_autofree char *before = scheme_list_json (f);
  g_autofree char *after = NULL;

  cli_run (f, &run, "scheme", "import", bad, NULL);
  assert_refused (&run, 1);
  g_assert_nonnull (strstr (run.err, "bad.ini"));
  g_assert_nonnull (strstr (run.err, "Line 10"));
  g_assert_nonnull (strstr (run.err, "100 %"));

  cli_run (f, &run, "scheme", "import", missing, NULL);
  assert_refused (&run, 1);
  cli_run (f, &run, "scheme", "import", NULL);
  assert_refused (&run, 2);

  after = scheme_list_json (f);
  g_assert_cmpstr (after, ==, before);
}

/* Quote, purchase, member show, refunds and point adjustments on the
 * programme above, the amounts worked out by hand. */
static void
test_till (Fixture       *f,
           gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *card = set_up_shop (f);
  g_autoptr(GVariant) quote = NULL;
  g_autoptr(GVariant) refund = NULL;
  g_autoptr(GVariant) member = NULL;
  g_autoptr(GVariant) purchases = NULL;
  g_autoptr(GVariant) last = NULL;
  g_autoptr(GVariant) adjusted = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *first_id = NULL;
  g_autofree char *second_id = NULL;

  /* 300.00 with nothing spent yet: no tier, no discount; 1 % of 300.00
   * = 300 points. Nothing to redeem. */
  cli_run (f, &run, "quote", "--card", card, "--amount", "300", "--at", "2026-03-02 10:00",
           "--json", NULL);
  quote = output_json (&run);
  assert_quote (quote, "0.00", "300.00", 300, 0, 0);
  g_assert_cmpstr (json_string (quote, "amount"), ==, "300.00");
  g_assert_cmpint (json_int (quote, "points_redeemable"), ==, 0);
  g_assert_true (json_is_null (quote, "tier"));
  g_clear_pointer (&quote, g_variant_unref);

  /* A quote records nothing. */
  member = member_json (f, card);
  assert_member (member, "0.00", 0, NULL);
  g_assert_cmpint (json_int (member, "purchases"), ==, 0);
  g_clear_pointer (&member, g_variant_unref);

  /* First purchase, 600.00: still no tier (the total before it is 0);
   * 1 % of 600.00 = 600 points. */
  cli_run (f, &run, "purchase", "--card", card, "--amount", "600.00", "--at",
           "2026-03-02 10:00", "--json", NULL);
  quote = output_json (&run);
  assert_quote (quote, "0.00", "600.00", 600, 0, 0);
  first_id = g_strdup_printf ("%" G_GINT64_FORMAT, json_int (quote, "purchase_id"));
  g_clear_pointer (&quote, g_variant_unref);

  /* Spent 600.00, so Bronze from the next purchase. */
  member = member_json (f, card);
  assert_member (member, "600.00", 600, "Bronze");
  g_assert_cmpint (json_int (member, "purchases"), ==, 1);
  g_clear_pointer (&member, g_variant_unref);

  /* 250.00 at Bronze: 1 % = 2.50 off, 247.50 to pay. Points earned:
   * 1 % of 247.50 = 247.5, rounded half up to 248. Redeemable: all 600
   * usable points (half of 247.50 would allow 12 375). */
  cli_run (f, &run, "quote", "--card", card, "--amount", "250", "--at", "2026-03-03 12:00",
           "--json", NULL);
  quote = output_json (&run);
  assert_quote (quote, "2.50", "247.50", 248, 0, 1);
  assert_line (quote, 0, "Gold tiers", "Bronze tier 1 %", "2.50");
  g_assert_cmpint (json_int (quote, "points_redeemable"), ==, 600);
  g_assert_cmpstr (json_string (quote, "tier"), ==, "Bronze");
  g_clear_pointer (&quote, g_variant_unref);

  /* The same as text, with the scheme and the reason. */
  cli_run (f, &run, "quote", "--card", card, "--amount", "250", "--at", "2026-03-03 12:00",
           NULL);
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, "Gold tiers"));
  g_assert_nonnull (strstr (run.out, "Bronze tier 1 %"));
  g_assert_nonnull (strstr (run.out, "247.50"));

  /* Recorded paying 100 points: 247.50 - 1.00 = 246.50 to pay; points
   * are earned on the money only: 1 % of 246.50 = 246.5, rounded to 247.
   * Balance 600 - 100 + 247 = 747; spent 600.00 + 247.50 = 847.50. */
  cli_run (f, &run, "purchase", "--card", card, "--amount", "250", "--redeem", "100",
           "--at", "2026-03-03 12:00:30", "--json", NULL);
  quote = output_json (&run);
  assert_quote (quote, "2.50", "246.50", 247, 100, 1);
  assert_line (quote, 0, "Gold tiers", "Bronze tier 1 %", "2.50");
  second_id = g_strdup_printf ("%" G_GINT64_FORMAT, json_int (quote, "purchase_id"));
  g_assert_cmpstr (second_id, !=, first_id);
  g_clear_pointer (&quote, g_variant_unref);

  member = member_json (f, card);
  assert_member (member, "847.50", 747, "Silver");
  g_assert_cmpint (json_int (member, "purchases"), ==, 2);
  purchases = json_member (member, "last_purchases");
  last = json_element (purchases, 0);
  g_assert_cmpstr (json_string (last, "discount"), ==, "2.50");
  g_assert_cmpstr (json_string (last, "paid"), ==, "246.50");
  g_assert_cmpint (json_int (last, "points_redeemed"), ==, 100);
  g_clear_pointer (&last, g_variant_unref);
  g_clear_pointer (&purchases, g_variant_unref);
  g_clear_pointer (&member, g_variant_unref);

  /* Silver now: 2 % of 1000.00 = 20.00. */
  cli_run (f, &run, "quote", "--card", card, "--amount", "1000", "--at", "2026-03-04 09:00",
           "--json", NULL);
  quote = output_json (&run);
  assert_quote (quote, "20.00", "980.00", 980, 0, 1);
  assert_line (quote, 0, "Gold tiers", "Silver tier 2 %", "20.00");
  g_clear_pointer (&quote, g_variant_unref);

  /* The second purchase refunded in full: its 2.50 discount, 246.50
   * handed back, its 247 points taken back and the 100 redeemed given
   * back. Balance 747 - 247 + 100 = 600, spent 847.50 - 247.50 = 600.00:
   * back to Bronze. */
  cli_run (f, &run, "refund", second_id, "--at", "2026-03-05 10:00", "--json", NULL);
  refund = output_json (&run);
  g_assert_cmpint (json_int (refund, "purchase_id"), ==, g_ascii_strtoll (second_id, NULL, 10));
  g_assert_cmpint (json_int (refund, "refund_id"), >, 0);
  g_assert_cmpstr (json_string (refund, "amount"), ==, "250.00");
  g_assert_cmpstr (json_string (refund, "discount"), ==, "2.50");
  g_assert_cmpstr (json_string (refund, "returned"), ==, "246.50");
  g_assert_cmpstr (json_string (refund, "gift_returned"), ==, "0.00");
  g_assert_cmpint (json_int (refund, "points_reversed"), ==, 247);
  g_assert_cmpint (json_int (refund, "points_restored"), ==, 100);
  g_clear_pointer (&refund, g_variant_unref);

  member = member_json (f, card);
  assert_member (member, "600.00", 600, "Bronze");
  purchases = json_member (member, "last_purchases");
  last = json_element (purchases, 0);
  g_assert_cmpstr (json_string (last, "refunded"), ==, "250.00");
  g_clear_pointer (&last, g_variant_unref);
  g_clear_pointer (&purchases, g_variant_unref);
  g_clear_pointer (&member, g_variant_unref);

  /* Bronze again: 1 % of 1000.00 = 10.00. */
  cli_run (f, &run, "quote", "--card", card, "--amount", "1000", "--at", "2026-03-05 12:00",
           "--json", NULL);
  quote = output_json (&run);
  assert_quote (quote, "10.00", "990.00", 990, 0, 1);
  assert_line (quote, 0, "Gold tiers", "Bronze tier 1 %", "10.00");
  g_clear_pointer (&quote, g_variant_unref);

  /* Refunding it again is refused, and changes nothing. */
  before = member_text (f, card);
  cli_run (f, &run, "refund", second_id, NULL);
  assert_refused (&run, 1);
  cli_run (f, &run, "refund", second_id, "--amount", "1", NULL);
  assert_refused (&run, 1);
  after = member_text (f, card);
  g_assert_cmpstr (after, ==, before);
  g_clear_pointer (&after, g_free);

  /* A quarter of the first purchase (150.00 of 600.00, no discount):
   * 150.00 back and a quarter of its 600 points, 150, taken back.
   * Balance 450, spent 450.00: under 500.00, no tier. */
  cli_run (f, &run, "refund", first_id, "--amount", "150", "--at", "2026-03-06 10:00",
           "--json", NULL);
  refund = output_json (&run);
  g_assert_cmpstr (json_string (refund, "amount"), ==, "150.00");
  g_assert_cmpstr (json_string (refund, "discount"), ==, "0.00");
  g_assert_cmpstr (json_string (refund, "returned"), ==, "150.00");
  g_assert_cmpint (json_int (refund, "points_reversed"), ==, 150);
  g_assert_cmpint (json_int (refund, "points_restored"), ==, 0);
  g_clear_pointer (&refund, g_variant_unref);

  member = member_json (f, card);
  assert_member (member, "450.00", 450, NULL);
  g_clear_pointer (&member, g_variant_unref);

  /* More than the 450.00 left of it is refused. */
  g_free (before);
  before = member_text (f, card);
  cli_run (f, &run, "refund", first_id, "--amount", "450.01", NULL);
  assert_refused (&run, 1);
  after = member_text (f, card);
  g_assert_cmpstr (after, ==, before);
  g_clear_pointer (&after, g_free);

  /* A change of points needs a reason: a usage error, nothing changed. */
  cli_run (f, &run, "points", "adjust", "--card", card, "--points", "50", NULL);
  assert_refused (&run, 2);
  g_assert_nonnull (strstr (run.err, "--reason"));
  cli_run (f, &run, "points", "adjust", "--card", card, "--points", "50", "--reason", " ",
           NULL);
  assert_refused (&run, 2);
  cli_run (f, &run, "points", "adjust", "--card", card, "--points", "0", "--reason", "x",
           NULL);
  assert_refused (&run, 2);
  after = member_text (f, card);
  g_assert_cmpstr (after, ==, before);

  /* 450 + 50 = 500, then 500 - 20 = 480. */
  cli_run (f, &run, "points", "adjust", "--card", card, "--points", "50", "--reason",
           "Birthday present", "--json", NULL);
  adjusted = output_json (&run);
  g_assert_cmpint (json_int (adjusted, "points"), ==, 50);
  g_assert_cmpint (json_int (adjusted, "points_balance"), ==, 500);
  g_assert_cmpstr (json_string (adjusted, "reason"), ==, "Birthday present");
  g_clear_pointer (&adjusted, g_variant_unref);

  cli_run (f, &run, "points", "adjust", "--card", card, "--points", "-20", "--reason",
           "Counted twice", NULL);
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, "480"));

  member = member_json (f, card);
  assert_member (member, "450.00", 480, NULL);
  g_clear_pointer (&member, g_variant_unref);

  /* The member's standing in the text output too. */
  cli_run (f, &run, "member", "show", "--card", card, NULL);
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, "480"));
  g_assert_nonnull (strstr (run.out, "Gift card"));

  assert_check_ok (f);
}

/* A gift card pays for purchases until it is spent; no schemes at all. */
static void
test_gift_card (Fixture       *f,
                gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(GVariant) loaded = NULL;
  g_autoptr(GVariant) schemes = NULL;
  g_autoptr(GVariant) quote = NULL;
  g_autoptr(GVariant) member = NULL;
  g_autoptr(GVariant) standing = NULL;
  g_autofree char *card = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  init_register (f);
  card = issue_card (f, add_member (f, "Petro Shevchuk", "+380 50 765 4321",
                                    "petro@example.com"));

  cli_run (f, &run, "scheme", "list", "--json", NULL);
  quote = output_json (&run);
  schemes = json_member (quote, "schemes");
  g_assert_cmpuint (g_variant_n_children (schemes), ==, 0);
  g_clear_pointer (&quote, g_variant_unref);

  /* A load needs an amount above zero. */
  before = member_text (f, card);
  cli_run (f, &run, "gift", "load", "--card", card, "--amount", "0", NULL);
  assert_refused (&run, 1);
  cli_run (f, &run, "gift", "load", "--card", card, "--amount", "-5", NULL);
  assert_refused (&run, 1);
  after = member_text (f, card);
  g_assert_cmpstr (after, ==, before);

  cli_run (f, &run, "gift", "load", "--card", card, "--amount", "100", "--json", NULL);
  loaded = output_json (&run);
  g_assert_cmpstr (json_string (loaded, "amount"), ==, "100.00");
  g_assert_cmpstr (json_string (loaded, "gift_balance"), ==, "100.00");

  /* 60.00 with no scheme: no discount, no points, all of it from the
   * gift card; 100.00 - 60.00 = 40.00 left. */
  cli_run (f, &run, "purchase", "--card", card, "--amount", "60", "--at", "2026-04-01 09:30",
           "--json", NULL);
  quote = output_json (&run);
  assert_quote (quote, "0.00", "60.00", 0, 0, 0);
  g_assert_cmpstr (json_string (quote, "gift_payable"), ==, "60.00");
  g_clear_pointer (&quote, g_variant_unref);

  /* 70.00 then: 40.00 from the gift card, 30.00 in money. */
  cli_run (f, &run, "quote", "--card", card, "--amount", "70", "--json", NULL);
  quote = output_json (&run);
  g_assert_cmpstr (json_string (quote, "gift_payable"), ==, "40.00");

  member = member_json (f, card);
  standing = json_member (member, "standing");
  g_assert_cmpstr (json_string (standing, "gift_balance"), ==, "40.00");
  g_assert_cmpstr (json_string (member, "total_spent"), ==, "60.00");

  assert_check_ok (f);
}

/* The till refuses a card that is not active, and a mistyped number. */
static void
test_card_refused (Fixture       *f,
                   gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *card = set_up_shop (f);
  g_autofree char *mistyped = g_strdup (card);
  g_autofree char *lowered = NULL;
  g_autofree char *id = NULL;
  g_autoptr(GVariant) before = member_json (f, card);
  g_autoptr(GVariant) after = NULL;
  gsize last = strlen (mistyped) - 1;

  mistyped[last] = (char) ('0' + (mistyped[last] - '0' + 1) % 10);
  cli_run (f, &run, "quote", "--card", mistyped, "--amount", "100", NULL);
  assert_refused (&run, 1);
  cli_run (f, &run, "purchase", "--card", mistyped, "--amount", "100", NULL);
  assert_refused (&run, 1);

  cli_run (f, &run, "card", "block", card, NULL);
  assert_ok (&run);

  cli_run (f, &run, "purchase", "--card", card, "--amount", "100", NULL);
  assert_refused (&run, 1);
  lowered = g_ascii_strdown (run.err, -1);
  g_assert_nonnull (strstr (lowered, "blocked"));
  cli_run (f, &run, "quote", "--card", card, "--amount", "100", NULL);
  assert_refused (&run, 1);
  cli_run (f, &run, "points", "adjust", "--card", card, "--points", "10", "--reason", "x",
           NULL);
  assert_refused (&run, 1);
  cli_run (f, &run, "gift", "load", "--card", card, "--amount", "10", NULL);
  assert_refused (&run, 1);

  /* Nothing was recorded: found by id now, the member has the figures
   * of before. */
  id = g_strdup_printf ("%" G_GINT64_FORMAT, json_int (before, "id"));
  cli_run (f, &run, "member", "show", id, "--json", NULL);
  after = output_json (&run);
  g_assert_cmpint (json_int (after, "purchases"), ==, json_int (before, "purchases"));
  g_assert_cmpint (json_int (after, "points"), ==, json_int (before, "points"));
  g_assert_cmpstr (json_string (after, "total_spent"), ==, json_string (before, "total_spent"));

  assert_check_ok (f);
}

static void
test_till_usage (Fixture       *f,
                 gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *card = set_up_shop (f);
  g_autofree char *before = member_text (f, card);
  g_autofree char *after = NULL;

  /* What is missing or not a number is a usage error. */
  cli_run (f, &run, "quote", "--card", card, NULL);
  assert_refused (&run, 2);
  cli_run (f, &run, "purchase", "--amount", "10", NULL);
  assert_refused (&run, 2);
  cli_run (f, &run, "purchase", "--card", card, "--amount", "10", "--items", "two", NULL);
  assert_refused (&run, 2);
  cli_run (f, &run, "purchase", "--card", card, "--amount", "10", "--redeem", "-5", NULL);
  assert_refused (&run, 2);
  cli_run (f, &run, "refund", "first", NULL);
  assert_refused (&run, 2);
  cli_run (f, &run, "refund", NULL);
  assert_refused (&run, 2);
  cli_run (f, &run, "points", NULL);
  assert_refused (&run, 2);
  cli_run (f, &run, "points", "adjust", "--card", card, "--points", "lots", "--reason", "x",
           NULL);
  assert_refused (&run, 2);

  /* Amounts and times that are not right are refused with the reason. */
  cli_run (f, &run, "purchase", "--card", card, "--amount", "-5", NULL);
  assert_refused (&run, 1);
  g_assert_nonnull (strstr (run.err, "negative"));
  cli_run (f, &run, "purchase", "--card", card, "--amount", "0", NULL);
  assert_refused (&run, 1);
  cli_run (f, &run, "purchase", "--card", card, "--amount", "12,345", NULL);
  assert_refused (&run, 1);
  cli_run (f, &run, "purchase", "--card", card, "--amount", "99999999999999999", NULL);
  assert_refused (&run, 1);
  cli_run (f, &run, "purchase", "--card", card, "--amount", "10", "--at", "2026-02-30 10:00",
           NULL);
  assert_refused (&run, 1);
  cli_run (f, &run, "purchase", "--card", card, "--amount", "10", "--at", "yesterday", NULL);
  assert_refused (&run, 1);
  /* Points cannot be redeemed before there are any. */
  cli_run (f, &run, "purchase", "--card", card, "--amount", "10", "--redeem", "5", NULL);
  assert_refused (&run, 1);
  cli_run (f, &run, "refund", "999", NULL);
  assert_refused (&run, 1);

  after = member_text (f, card);
  g_assert_cmpstr (after, ==, before);

  /* The new commands are in the help. */
  cli_run (f, &run, "--help", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "quote"));
  g_assert_nonnull (strstr (run.out, "refund"));
  g_assert_nonnull (strstr (run.out, "scheme"));
  cli_run (f, &run, "quote", "--help", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "--redeem"));
  cli_run (f, &run, "scheme", "--help", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "import"));

  assert_check_ok (f);
}

/* A stamp card's smaller reward is taken only with --take-stamps: with 3
 * stamps the 10 % waits for the 20 % at 5 unless the member asks. */
static void
test_take_stamps (Fixture       *f,
                  gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *card = set_up_shop (f);
  g_autoptr(TempFile) path = write_file (f, "stamps.ini",
                                         "[Programme]\ncombine = best\n"
                                         "[Scheme Coffee card]\nkind = stamps\n"
                                         "categories = Coffee\nreward-3 = 10 %\n"
                                         "reward-5 = 20 %\n");
  g_autoptr(GVariant) waits = NULL;
  g_autoptr(GVariant) taken = NULL;
  g_autoptr(GVariant) after = NULL;

  cli_run (f, &run, "scheme", "import", path, NULL);
  assert_ok (&run);
  for (int i = 0; i < 3; i++)
    {
      g_auto(Run) coffee = { 0 };

      cli_run (f, &coffee, "purchase", "--card", card, "--amount", "3.00", "--category",
               "Coffee", NULL);
      assert_ok (&coffee);
    }

  cli_run (f, &run, "quote", "--card", card, "--amount", "100.00", "--category", "Coffee",
           "--json", NULL);
  waits = output_json (&run);
  assert_quote (waits, "0.00", "100.00", 0, 0, 0);

  cli_run (f, &run, "purchase", "--card", card, "--amount", "100.00", "--category", "Coffee",
           "--take-stamps", "--json", NULL);
  taken = output_json (&run);
  assert_quote (taken, "10.00", "90.00", 0, 0, 1);
  assert_line (taken, 0, "Coffee card", "Coffee card: 3 stamps, 10 %", "10.00");

  /* The stamps were used: the next coffee starts a new card. */
  cli_run (f, &run, "quote", "--card", card, "--amount", "100.00", "--category", "Coffee",
           "--take-stamps", "--json", NULL);
  after = output_json (&run);
  assert_quote (after, "0.00", "100.00", 0, 0, 0);
  assert_check_ok (f);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  /* The default register must never be a real one. */
  g_setenv ("XDG_DATA_HOME", g_get_tmp_dir (), TRUE);

  add_cli_test ("/cli-till/scheme-import-list", test_scheme_import_list);
  add_cli_test ("/cli-till/scheme-bad-file", test_scheme_bad_file);
  add_cli_test ("/cli-till/till", test_till);
  add_cli_test ("/cli-till/gift-card", test_gift_card);
  add_cli_test ("/cli-till/card-refused", test_card_refused);
  add_cli_test ("/cli-till/usage", test_till_usage);
  add_cli_test ("/cli-till/take-stamps", test_take_stamps);

  return g_test_run ();
}
