/* test-cli.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * kartoteka-cli as a script or a shop owner uses it: members, cards and
 * the register as a whole (the helpers are in kt-test-cli.h).
 */

#define G_LOG_DOMAIN "test-cli"

#include "config.h"

#include <glib.h>
#include <string.h>
#include <sys/wait.h>

#include "core/kt-card-number.h"

#include "kt-test-cli.h"

/* A new register with the member most tests start from; returns her id. */
static gint64
init_with_olena (Fixture *f)
{
  init_register (f);
  return add_member (f, "Olena Kovalenko", "+380 67 123 4567", "olena@example.com");
}

/* ---- the tests ----------------------------------------------------------------- */

static void
test_init (Fixture       *f,
           gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(GVariant) settings = NULL;

  /* Reading a register that does not exist does not create one. */
  cli_run (f, &run, "member", "find", "", NULL);
  assert_refused (&run, 1);
  g_assert_false (g_file_test (f->db, G_FILE_TEST_EXISTS));

  init_register (f);
  g_assert_true (g_file_test (f->db, G_FILE_TEST_IS_REGULAR));

  /* A bad currency is refused, and the good prefix given with it is not
   * saved either. */
  cli_run (f, &run, "init", "--card-prefix", "77", "--currency", "XYZ", NULL);
  assert_refused (&run, 1);
  g_assert_nonnull (strstr (run.err, "XYZ"));

  cli_run (f, &run, "--json", "init", NULL);
  assert_ok (&run);
  settings = parse_json (run.out);
  g_assert_cmpstr (json_string (settings, "shop_name"), ==, "Kvitka");
  g_assert_cmpstr (json_string (settings, "currency"), ==, "UAH");
  g_assert_cmpstr (json_string (settings, "card_prefix"), ==, "42");
  g_assert_cmpstr (json_string (settings, "path"), ==, f->db);
}

static void
test_member_add_find (Fixture       *f,
                      gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(GVariant) list = NULL;
  g_autoptr(GVariant) row = NULL;
  gint64 id;

  id = init_with_olena (f);
  add_member (f, "Petro Shevchuk", "+380 50 765 4321", "petro@example.com");

  cli_run (f, &run, "member", "find", "koval", "--json", NULL);
  assert_ok (&run);
  list = parse_json (run.out);
  g_assert_true (g_variant_is_of_type (list, G_VARIANT_TYPE ("av")));
  g_assert_cmpuint (g_variant_n_children (list), ==, 1);

  row = json_element (list, 0);
  g_assert_cmpint (json_int (row, "id"), ==, id);
  g_assert_cmpstr (json_string (row, "name"), ==, "Olena Kovalenko");
  g_assert_true (json_is_null (row, "card"));
  g_assert_nonnull (strstr (json_string (row, "phone"), "123"));
  g_assert_cmpstr (json_string (row, "email"), ==, "olena@example.com");
  g_assert_cmpstr (json_string (row, "status"), ==, "regular");
  /* Money is a decimal string, never a float. */
  g_assert_cmpstr (json_string (row, "total_spent"), ==, "0.00");
  g_assert_cmpint (json_int (row, "purchases"), ==, 0);
  g_assert_cmpint (json_int (row, "points"), ==, 0);
  g_assert_true (json_is_null (row, "last_visit"));
  g_assert_cmpuint (strlen (json_string (row, "joined")), ==, strlen ("2024-01-31"));

  /* The text listing shows the member too. */
  cli_run (f, &run, "member", "find", "petro", NULL);
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, "Petro Shevchuk"));
  g_assert_null (strstr (run.out, "Olena"));
}

static void
test_find_sort_limit (Fixture       *f,
                      gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(GVariant) list = NULL;
  g_autoptr(GVariant) first = NULL;
  g_autoptr(GVariant) second = NULL;

  init_register (f);
  add_member (f, "Anna Bilyk", "+380 67 000 0001", "anna@example.com");
  add_member (f, "Bohdan Bilyk", "+380 67 000 0002", "bohdan@example.com");
  add_member (f, "Vira Bilyk", "+380 67 000 0003", "vira@example.com");

  cli_run (f, &run, "member", "find", "", "--sort", "name", "--desc", "--limit", "2",
           "--json", NULL);
  assert_ok (&run);
  list = parse_json (run.out);
  g_assert_cmpuint (g_variant_n_children (list), ==, 2);
  first = json_element (list, 0);
  second = json_element (list, 1);
  g_assert_cmpstr (json_string (first, "name"), ==, "Vira Bilyk");
  g_assert_cmpstr (json_string (second, "name"), ==, "Bohdan Bilyk");

  /* The text listing says when there are more. */
  cli_run (f, &run, "member", "find", "bilyk", "--limit", "2", NULL);
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, "2 of 3"));

  cli_run (f, &run, "member", "find", "", "--sort", "colour", NULL);
  assert_refused (&run, 2);
}

/* Quotes, backslashes, control characters and non-ASCII text come back
 * exactly as they were typed. */
static void
test_json_escapes (Fixture       *f,
                   gconstpointer  data)
{
  const char *notes = "Likes \"green\" tea \\ no sugar\nsecond line\ttab \x01 end";
  const char *name = "Ödön Szabó-Kovács";
  g_auto(Run) run = { 0 };
  g_autoptr(GVariant) member = NULL;
  g_autofree char *id = NULL;

  init_register (f);
  cli_run (f, &run, "--json", "member", "add", "--name", name, "--notes", notes, NULL);
  assert_ok (&run);
  member = parse_json (run.out);
  id = g_strdup_printf ("%" G_GINT64_FORMAT, json_int (member, "id"));
  g_clear_pointer (&member, g_variant_unref);

  cli_run (f, &run, "member", "show", id, "--json", NULL);
  assert_ok (&run);
  member = parse_json (run.out);
  g_assert_cmpstr (json_string (member, "name"), ==, name);
  g_assert_cmpstr (json_string (member, "notes"), ==, notes);
}

static void
test_duplicate_refused (Fixture       *f,
                        gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  init_register (f);
  add_member (f, "Olena Kovalenko", "+380 67 123 4567", "olena@example.com");
  before = everyone_json (f);

  /* Same phone written differently: a probable duplicate, named. */
  cli_run (f, &run, "member", "add", "--name", "O. Kovalenko", "--phone", "+380671234567", NULL);
  assert_refused (&run, 1);
  g_assert_nonnull (strstr (run.err, "Olena Kovalenko"));
  g_assert_nonnull (strstr (run.err, "--force"));
  after = everyone_json (f);
  g_assert_cmpstr (after, ==, before);

  cli_run (f, &run, "member", "add", "--name", "O. Kovalenko", "--phone", "+380671234567",
           "--force", NULL);
  assert_ok (&run);
  g_assert_cmpuint (count_everyone (f), ==, 2);
}

static void
test_card_issue_and_show (Fixture       *f,
                          gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(GVariant) member = NULL;
  g_autoptr(GVariant) cards = NULL;
  g_autoptr(GVariant) card = NULL;
  g_autofree char *number = NULL;
  gint64 id;

  id = init_with_olena (f);
  number = issue_card (f, id);
  /* EAN-13 in the in-store range with the shop's prefix. */
  g_assert_cmpuint (strlen (number), ==, 13);
  g_assert_true (g_str_has_prefix (number, "242"));

  cli_run (f, &run, "member", "show", "--card", number, "--json", NULL);
  assert_ok (&run);
  member = parse_json (run.out);
  g_assert_cmpint (json_int (member, "id"), ==, id);
  g_assert_cmpstr (json_string (member, "card"), ==, number);
  cards = json_member (member, "cards");
  g_assert_cmpuint (g_variant_n_children (cards), ==, 1);
  card = json_element (cards, 0);
  g_assert_cmpstr (json_string (card, "number"), ==, number);
  g_assert_cmpstr (json_string (card, "state"), ==, "active");

  cli_run (f, &run, "member", "show", "--card", number, NULL);
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, "Olena Kovalenko"));
  g_assert_nonnull (strstr (run.out, number));
}

/* A mistyped number must never find, or change, anything. */
static void
test_wrong_check_digit (Fixture       *f,
                        gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *number = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *id_text = NULL;
  gint64 id;
  gsize last;

  id = init_with_olena (f);
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  number = issue_card (f, id);
  last = strlen (number) - 1;
  number[last] = (char) ('0' + (number[last] - '0' + 1) % 10);
  before = everyone_json (f);

  cli_run (f, &run, "member", "show", "--card", number, NULL);
  assert_refused (&run, 1);
  cli_run (f, &run, "card", "block", number, NULL);
  assert_refused (&run, 1);
  cli_run (f, &run, "card", "replace", number, NULL);
  assert_refused (&run, 1);
  cli_run (f, &run, "card", "assign", id_text, number, NULL);
  assert_refused (&run, 1);

  after = everyone_json (f);
  g_assert_cmpstr (after, ==, before);

  /* The member's own card still works. */
  number[last] = (char) ('0' + (number[last] - '0' + 9) % 10);
  cli_run (f, &run, "card", "show", number, "--json", NULL);
  assert_ok (&run);
}

static void
test_batch_assign (Fixture       *f,
                   gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(GVariant) batch = NULL;
  g_autoptr(GVariant) card = NULL;
  g_autofree char *issued = NULL;
  g_autofree char *blank = NULL;
  g_autofree char *id_text = NULL;
  guint prefix = 0;
  guint64 sequence = 0;
  gint64 olena, petro;

  olena = init_with_olena (f);
  petro = add_member (f, "Petro Shevchuk", "+380 50 765 4321", "petro@example.com");
  issued = issue_card (f, olena);

  cli_run (f, &run, "--json", "card", "new-batch", "5", "--note", "Spring order", NULL);
  assert_ok (&run);
  batch = parse_json (run.out);
  g_assert_cmpint (json_int (batch, "count"), ==, 5);

  /* A batch continues the shop's sequence: its third card is two numbers
   * after the first one, which follows the card issued last. */
  g_assert_true (kt_card_number_split (issued, &prefix, &sequence));
  blank = kt_card_number_make (prefix, sequence + 3);
  cli_run (f, &run, "card", "show", blank, "--json", NULL);
  assert_ok (&run);
  card = parse_json (run.out);
  g_assert_cmpstr (json_string (card, "state"), ==, "blank");
  g_assert_true (json_is_null (card, "member_id"));
  g_assert_cmpint (json_int (card, "batch_id"), ==, json_int (batch, "batch_id"));
  g_clear_pointer (&card, g_variant_unref);

  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, petro);
  cli_run (f, &run, "card", "assign", id_text, blank, NULL);
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, "Petro Shevchuk"));

  cli_run (f, &run, "card", "show", blank, "--json", NULL);
  assert_ok (&run);
  card = parse_json (run.out);
  g_assert_cmpstr (json_string (card, "state"), ==, "active");
  g_assert_cmpint (json_int (card, "member_id"), ==, petro);

  /* A member has one active card: a second one is refused. */
  g_free (blank);
  blank = kt_card_number_make (prefix, sequence + 4);
  cli_run (f, &run, "card", "assign", id_text, blank, NULL);
  assert_refused (&run, 1);

  cli_run (f, &run, "check", NULL);
  assert_ok (&run);
}

static void
test_replace_lost_card (Fixture       *f,
                        gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(GVariant) result = NULL;
  g_autoptr(GVariant) old_card = NULL;
  g_autoptr(GVariant) new_card = NULL;
  g_autofree char *number = NULL;
  g_autofree char *lowered = NULL;
  gint64 id;

  id = init_with_olena (f);
  number = issue_card (f, id);

  cli_run (f, &run, "--json", "card", "replace", number, NULL);
  assert_ok (&run);
  result = parse_json (run.out);
  old_card = json_member (result, "old");
  new_card = json_member (result, "new");
  g_assert_cmpstr (json_string (old_card, "state"), ==, "lost");
  g_assert_cmpstr (json_string (new_card, "state"), ==, "active");
  g_assert_cmpint (json_int (new_card, "member_id"), ==, id);

  /* The lost card is refused at the till, with its state. */
  cli_run (f, &run, "member", "show", "--card", number, NULL);
  assert_refused (&run, 1);
  lowered = g_ascii_strdown (run.err, -1);
  g_assert_nonnull (strstr (lowered, "lost"));

  cli_run (f, &run, "member", "show", "--card", json_string (new_card, "number"), NULL);
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, "Olena Kovalenko"));
}

static void
test_check_consistent (Fixture       *f,
                       gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(GVariant) report = NULL;
  g_autoptr(GVariant) differences = NULL;

  init_with_olena (f);

  cli_run (f, &run, "check", NULL);
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, "ok"));

  cli_run (f, &run, "check", "--json", NULL);
  assert_ok (&run);
  report = parse_json (run.out);
  g_assert_cmpstr (json_string (report, "integrity"), ==, "ok");
  g_assert_true (json_boolean (report, "consistent"));
  differences = json_member (report, "differences");
  g_assert_cmpuint (g_variant_n_children (differences), ==, 0);
}

/* A register changed behind the program's back (here with the sqlite3
 * shell) is reported: each difference, exit status 1, one error line. */
static void
test_check_differs (Fixture       *f,
                    gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *sqlite3 = g_find_program_in_path ("sqlite3");
  g_autofree char *id_text = NULL;
  g_autofree char *sql = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { NULL, NULL, NULL, NULL };
  int wait_status = 0;
  gint64 id;

  if (sqlite3 == NULL)
    {
      g_test_skip ("the sqlite3 shell is not installed");
      return;
    }

  id = init_with_olena (f);
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  sql = g_strdup_printf ("UPDATE members SET total_spent = 1234 WHERE id = %s", id_text);
  argv[0] = sqlite3;
  argv[1] = f->db;
  argv[2] = sql;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL,
                &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status) && WEXITSTATUS (wait_status) == 0);

  cli_run (f, &run, "check", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.out, "12.34"));
  g_assert_nonnull (strstr (run.out, "0.00"));
  g_assert_true (g_str_has_prefix (run.err, "kartoteka-cli: "));
  g_assert_cmpstr (strchr (run.err, '\n') + 1, ==, "");
}

static void
test_demo_then_check (Fixture       *f,
                      gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(GVariant) summary = NULL;
  g_autoptr(GVariant) list = NULL;
  g_autofree char *everyone = NULL;
  gsize n;

  cli_run (f, &run, "--json", "demo", "--members", "200", "--purchases", "1000",
           "--seed", "7", "--today", "2024-06-30", NULL);
  /* Not a terminal: no progress line, nothing on stderr at all. */
  assert_ok (&run);
  summary = parse_json (run.out);
  g_assert_cmpint (json_int (summary, "members"), ==, 200);
  g_assert_cmpint (json_int (summary, "purchases"), ==, 1000);

  everyone = everyone_json (f);
  list = parse_json (everyone);
  n = g_variant_n_children (list);
  g_assert_cmpuint (n, >, 100);
  g_assert_cmpuint (n, <=, 200);

  cli_run (f, &run, "check", NULL);
  assert_ok (&run);

  /* A register with members is not filled again. */
  cli_run (f, &run, "demo", "--members", "10", "--purchases", "10", NULL);
  assert_refused (&run, 1);
}

static void
test_erase_needs_yes (Fixture       *f,
                      gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(GVariant) member = NULL;
  g_autofree char *id_text = NULL;
  gint64 id;

  id = init_with_olena (f);
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  cli_run (f, &run, "member", "erase", id_text, NULL);
  assert_refused (&run, 1);
  g_assert_nonnull (strstr (run.err, "--yes"));
  cli_run (f, &run, "member", "show", id_text, NULL);
  assert_ok (&run);
  g_assert_nonnull (strstr (run.out, "Olena Kovalenko"));

  cli_run (f, &run, "member", "erase", id_text, "--yes", NULL);
  assert_ok (&run);
  cli_run (f, &run, "member", "show", id_text, "--json", NULL);
  assert_ok (&run);
  member = parse_json (run.out);
  g_assert_true (json_boolean (member, "erased"));
  g_assert_cmpstr (json_string (member, "name"), !=, "Olena Kovalenko");
  g_assert_cmpstr (json_string (member, "phone"), ==, "");
}

static void
test_edit_and_archive (Fixture       *f,
                       gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(GVariant) member = NULL;
  g_autofree char *id_text = NULL;
  gint64 id;

  id = init_with_olena (f);
  add_member (f, "Petro Shevchuk", "+380 50 765 4321", "petro@example.com");
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  cli_run (f, &run, "--json", "member", "edit", id_text, "--status", "vip", "--consent",
           "--birth-date", "1990-04-12", NULL);
  assert_ok (&run);
  member = parse_json (run.out);
  g_assert_cmpstr (json_string (member, "status"), ==, "vip");
  g_assert_true (json_boolean (member, "consent"));
  g_assert_cmpstr (json_string (member, "birth_date"), ==, "1990-04-12");
  /* Unchanged fields stay. */
  g_assert_cmpstr (json_string (member, "name"), ==, "Olena Kovalenko");

  /* Taking Petro's e-mail makes a probable duplicate. */
  cli_run (f, &run, "member", "edit", id_text, "--email", "petro@example.com", NULL);
  assert_refused (&run, 1);
  g_assert_nonnull (strstr (run.err, "Petro Shevchuk"));

  cli_run (f, &run, "member", "edit", id_text, "--birth-date", "1990-02-30", NULL);
  assert_refused (&run, 1);

  cli_run (f, &run, "member", "archive", id_text, NULL);
  assert_ok (&run);
  g_assert_cmpuint (count_everyone (f), ==, 1);

  cli_run (f, &run, "member", "archive", id_text, "--undo", NULL);
  assert_ok (&run);
  g_assert_cmpuint (count_everyone (f), ==, 2);
}

static void
test_usage_errors (Fixture       *f,
                   gconstpointer  data)
{
  g_auto(Run) run = { 0 };

  init_register (f);

  cli_run (f, &run, "frobnicate", NULL);
  assert_refused (&run, 2);
  cli_run (f, &run, "member", NULL);
  assert_refused (&run, 2);
  cli_run (f, &run, "member", "show", "abc", NULL);
  assert_refused (&run, 2);
  cli_run (f, &run, "member", "add", "--phone", "123", NULL);
  assert_refused (&run, 2);
  cli_run (f, &run, "member", "find", "", "--limit", "-3", NULL);
  assert_refused (&run, 2);
  cli_run (f, &run, "member", "add", "--name", "X", "--colour", "red", NULL);
  assert_refused (&run, 2);

  /* A member that is not there is refused, not a usage error. */
  cli_run (f, &run, "member", "show", "999", NULL);
  assert_refused (&run, 1);

  cli_run (f, &run, "--help", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "member"));
  g_assert_nonnull (strstr (run.out, "check"));

  cli_run (f, &run, "member", "add", "--help", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "--force"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  /* The default register must never be a real one. */
  g_setenv ("XDG_DATA_HOME", g_get_tmp_dir (), TRUE);

  add_cli_test ("/cli/init", test_init);
  add_cli_test ("/cli/member-add-find", test_member_add_find);
  add_cli_test ("/cli/find-sort-limit", test_find_sort_limit);
  add_cli_test ("/cli/json-escapes", test_json_escapes);
  add_cli_test ("/cli/duplicate-refused", test_duplicate_refused);
  add_cli_test ("/cli/card-issue-show", test_card_issue_and_show);
  add_cli_test ("/cli/wrong-check-digit", test_wrong_check_digit);
  add_cli_test ("/cli/batch-assign", test_batch_assign);
  add_cli_test ("/cli/replace-lost-card", test_replace_lost_card);
  add_cli_test ("/cli/check-consistent", test_check_consistent);
  add_cli_test ("/cli/check-differs", test_check_differs);
  add_cli_test ("/cli/demo-then-check", test_demo_then_check);
  add_cli_test ("/cli/erase-needs-yes", test_erase_needs_yes);
  add_cli_test ("/cli/edit-archive", test_edit_and_archive);
  add_cli_test ("/cli/usage-errors", test_usage_errors);

  return g_test_run ();
}
