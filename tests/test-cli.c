/* test-cli.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * kartoteka-cli as a script or a shop owner uses it: the built program is
 * run on a temporary register and its output, exit status and error lines
 * are checked. JSON output is read back with a strict little parser, so a
 * wrong escape or a stray comma fails the test.
 */

#define G_LOG_DOMAIN "test-cli"

#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>

#include "core/kt-card-number.h"

#include "kt-test-util.h"

typedef struct
{
  char *dir;
  char *db;
} Fixture;

typedef struct
{
  int   status;   /* exit status */
  char *out;
  char *err;
} Run;

/* ---- running the program ----------------------------------------------------- */

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* Runs `kartoteka-cli --database DB ARGS…` (NULL-terminated). */
static void
cli_run (Fixture    *f,
         Run        *run,
         const char *first_arg,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("KT_CLI");
  const char *arg;
  va_list args;
  int wait_status = 0;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (char *) cli);
  g_ptr_array_add (argv, (char *) "--database");
  g_ptr_array_add (argv, f->db);
  va_start (args, first_arg);
  for (arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  run_clear (run);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
}

/* A success: status 0 and nothing on stderr. */
static void
assert_ok (const Run *run)
{
  if (run->status != 0 || *run->err != '\0')
    g_error ("kartoteka-cli failed (%d): %s", run->status, run->err);
}

/* A failure as the user sees it: the expected status and exactly one line
 * "kartoteka-cli: …" on stderr, nothing on stdout. */
static void
assert_refused (const Run *run,
                int        status)
{
  const char *newline = strchr (run->err, '\n');

  g_assert_cmpint (run->status, ==, status);
  g_assert_true (g_str_has_prefix (run->err, "kartoteka-cli: "));
  g_assert_nonnull (newline);
  g_assert_cmpstr (newline + 1, ==, "");
  g_assert_cmpuint (strlen (run->err), >, strlen ("kartoteka-cli: \n"));
  g_assert_cmpstr (run->out, ==, "");
}

/* ---- a strict JSON reader (RFC 8259) into GVariant ------------------------------ *
 * objects a{sv}, arrays av, strings s, integers x, other numbers d,
 * true/false b, null an empty mv. */

typedef struct
{
  const char *p;
} Reader;

static GVariant *read_value (Reader *r);

static void
skip_space (Reader *r)
{
  while (*r->p == ' ' || *r->p == '\t' || *r->p == '\n' || *r->p == '\r')
    r->p++;
}

static gboolean
read_hex4 (Reader   *r,
           gunichar *out)
{
  *out = 0;
  for (int i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value (r->p[i]);

      if (digit < 0)
        return FALSE;
      *out = *out * 16 + (gunichar) digit;
    }
  r->p += 4;
  return TRUE;
}

static gboolean
read_escape (Reader  *r,
             GString *s)
{
  gunichar u, low;

  switch (*r->p++)
    {
    case '"': g_string_append_c (s, '"'); return TRUE;
    case '\\': g_string_append_c (s, '\\'); return TRUE;
    case '/': g_string_append_c (s, '/'); return TRUE;
    case 'b': g_string_append_c (s, '\b'); return TRUE;
    case 'f': g_string_append_c (s, '\f'); return TRUE;
    case 'n': g_string_append_c (s, '\n'); return TRUE;
    case 'r': g_string_append_c (s, '\r'); return TRUE;
    case 't': g_string_append_c (s, '\t'); return TRUE;
    case 'u':
      if (!read_hex4 (r, &u) || u == 0 || (u >= 0xdc00 && u <= 0xdfff))
        return FALSE;
      if (u >= 0xd800 && u <= 0xdbff)
        {
          if (r->p[0] != '\\' || r->p[1] != 'u')
            return FALSE;
          r->p += 2;
          if (!read_hex4 (r, &low) || low < 0xdc00 || low > 0xdfff)
            return FALSE;
          u = 0x10000 + ((u - 0xd800) << 10) + (low - 0xdc00);
        }
      g_string_append_unichar (s, u);
      return TRUE;
    default:
      return FALSE;
    }
}

static char *
read_string (Reader *r)
{
  g_autoptr(GString) s = g_string_new (NULL);

  if (*r->p != '"')
    return NULL;
  r->p++;
  for (;;)
    {
      guchar c = (guchar) *r->p;

      /* Control characters must come escaped. */
      if (c < 0x20)
        return NULL;
      r->p++;
      if (c == '"')
        break;
      if (c != '\\')
        g_string_append_c (s, (char) c);
      else if (!read_escape (r, s))
        return NULL;
    }
  if (!g_utf8_validate (s->str, s->len, NULL))
    return NULL;
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static GVariant *
read_number (Reader *r)
{
  const char *start = r->p;
  gboolean integer = TRUE;
  g_autofree char *text = NULL;

  if (*r->p == '-')
    r->p++;
  if (*r->p == '0')
    r->p++;
  else if (g_ascii_isdigit (*r->p))
    while (g_ascii_isdigit (*r->p))
      r->p++;
  else
    return NULL;
  if (*r->p == '.')
    {
      integer = FALSE;
      if (!g_ascii_isdigit (*++r->p))
        return NULL;
      while (g_ascii_isdigit (*r->p))
        r->p++;
    }
  if (*r->p == 'e' || *r->p == 'E')
    {
      integer = FALSE;
      r->p++;
      if (*r->p == '+' || *r->p == '-')
        r->p++;
      if (!g_ascii_isdigit (*r->p))
        return NULL;
      while (g_ascii_isdigit (*r->p))
        r->p++;
    }
  text = g_strndup (start, r->p - start);
  if (integer)
    return g_variant_new_int64 (g_ascii_strtoll (text, NULL, 10));
  return g_variant_new_double (g_ascii_strtod (text, NULL));
}

static GVariant *
read_object (Reader *r)
{
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE_VARDICT);

  r->p++;
  skip_space (r);
  if (*r->p == '}')
    {
      r->p++;
      return g_variant_builder_end (&builder);
    }
  for (;;)
    {
      g_autofree char *key = NULL;
      GVariant *value;

      skip_space (r);
      key = read_string (r);
      if (key == NULL)
        return NULL;
      skip_space (r);
      if (*r->p++ != ':')
        return NULL;
      value = read_value (r);
      if (value == NULL)
        return NULL;
      g_variant_builder_add (&builder, "{sv}", key, value);
      skip_space (r);
      if (*r->p == '}')
        break;
      if (*r->p++ != ',')
        return NULL;
    }
  r->p++;
  return g_variant_builder_end (&builder);
}

static GVariant *
read_array (Reader *r)
{
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("av"));

  r->p++;
  skip_space (r);
  if (*r->p == ']')
    {
      r->p++;
      return g_variant_builder_end (&builder);
    }
  for (;;)
    {
      GVariant *value = read_value (r);

      if (value == NULL)
        return NULL;
      g_variant_builder_add (&builder, "v", value);
      skip_space (r);
      if (*r->p == ']')
        break;
      if (*r->p++ != ',')
        return NULL;
    }
  r->p++;
  return g_variant_builder_end (&builder);
}

static GVariant *
read_value (Reader *r)
{
  skip_space (r);
  switch (*r->p)
    {
    case '{':
      return read_object (r);
    case '[':
      return read_array (r);
    case '"':
      {
        g_autofree char *s = read_string (r);

        return s != NULL ? g_variant_new_string (s) : NULL;
      }
    case 't':
      if (!g_str_has_prefix (r->p, "true"))
        return NULL;
      r->p += 4;
      return g_variant_new_boolean (TRUE);
    case 'f':
      if (!g_str_has_prefix (r->p, "false"))
        return NULL;
      r->p += 5;
      return g_variant_new_boolean (FALSE);
    case 'n':
      if (!g_str_has_prefix (r->p, "null"))
        return NULL;
      r->p += 4;
      return g_variant_new_maybe (G_VARIANT_TYPE_VARIANT, NULL);
    default:
      return read_number (r);
    }
}

/* The whole text must be one JSON value. */
static GVariant *
parse_json (const char *text)
{
  Reader r = { text };
  GVariant *value = read_value (&r);

  if (value == NULL)
    g_error ("not valid JSON near “%.40s”: %s", r.p, text);
  g_variant_ref_sink (value);
  skip_space (&r);
  if (*r.p != '\0')
    g_error ("text after the JSON value: “%.40s”", r.p);
  return value;
}

static const char *
json_string (GVariant   *object,
             const char *key)
{
  const char *value = NULL;

  if (!g_variant_lookup (object, key, "&s", &value))
    g_error ("“%s” is missing or not a string in %s", key, g_variant_print (object, FALSE));
  return value;
}

static gint64
json_int (GVariant   *object,
          const char *key)
{
  gint64 value = 0;

  if (!g_variant_lookup (object, key, "x", &value))
    g_error ("“%s” is missing or not an integer in %s", key, g_variant_print (object, FALSE));
  return value;
}

static gboolean
json_boolean (GVariant   *object,
              const char *key)
{
  gboolean value = FALSE;

  if (!g_variant_lookup (object, key, "b", &value))
    g_error ("“%s” is missing or not a boolean in %s", key, g_variant_print (object, FALSE));
  return value;
}

static gboolean
json_is_null (GVariant   *object,
              const char *key)
{
  g_autoptr(GVariant) value = g_variant_lookup_value (object, key, NULL);

  g_assert_nonnull (value);
  return g_variant_is_of_type (value, G_VARIANT_TYPE ("mv")) && g_variant_n_children (value) == 0;
}

/* Element i of a JSON array, unboxed. */
static GVariant *
json_element (GVariant *array,
              gsize     i)
{
  g_autoptr(GVariant) boxed = g_variant_get_child_value (array, i);

  return g_variant_get_variant (boxed);
}

static GVariant *
json_member (GVariant   *object,
             const char *key)
{
  GVariant *value = g_variant_lookup_value (object, key, NULL);

  if (value == NULL)
    g_error ("“%s” is missing in %s", key, g_variant_print (object, FALSE));
  return value;
}

/* ---- fixture and shared steps ------------------------------------------------------ */

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("kartoteka-cli-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "shop.db", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  kt_test_remove_register (f->dir, f->db);
  g_free (f->db);
  g_free (f->dir);
}

static void
init_register (Fixture *f)
{
  g_auto(Run) run = { 0 };

  cli_run (f, &run, "init", "--shop-name", "Kvitka", "--currency", "uah",
           "--card-prefix", "42", NULL);
  assert_ok (&run);
}

static gint64
add_member (Fixture    *f,
            const char *name,
            const char *phone,
            const char *email)
{
  g_auto(Run) run = { 0 };
  g_autoptr(GVariant) member = NULL;

  cli_run (f, &run, "--json", "member", "add", "--name", name, "--phone", phone,
           "--email", email, NULL);
  assert_ok (&run);
  member = parse_json (run.out);
  g_assert_cmpstr (json_string (member, "name"), ==, name);
  return json_int (member, "id");
}

/* A new register with the member most tests start from; returns her id. */
static gint64
init_with_olena (Fixture *f)
{
  init_register (f);
  return add_member (f, "Olena Kovalenko", "+380 67 123 4567", "olena@example.com");
}

/* `member find "" --json`: the whole list as a user's script sees it. */
static char *
everyone_json (Fixture *f)
{
  g_auto(Run) run = { 0 };

  cli_run (f, &run, "member", "find", "", "--json", "--limit", "1000", NULL);
  assert_ok (&run);
  return g_steal_pointer (&run.out);
}

static gsize
count_everyone (Fixture *f)
{
  g_autofree char *everyone = everyone_json (f);
  g_autoptr(GVariant) list = parse_json (everyone);

  return g_variant_n_children (list);
}

static char *
issue_card (Fixture *f,
            gint64   member_id)
{
  g_auto(Run) run = { 0 };
  g_autoptr(GVariant) card = NULL;
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, member_id);

  cli_run (f, &run, "--json", "card", "issue", id, NULL);
  assert_ok (&run);
  card = parse_json (run.out);
  g_assert_cmpstr (json_string (card, "state"), ==, "active");
  g_assert_cmpint (json_int (card, "member_id"), ==, member_id);
  return g_strdup (json_string (card, "number"));
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

static void
add_cli_test (const char *path,
              void      (*test) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, NULL, fixture_set_up, test, fixture_tear_down);
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
