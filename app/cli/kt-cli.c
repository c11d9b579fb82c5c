/* kt-cli.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * kartoteka-cli: the global options, the commands' dispatch and argument
 * helpers, and the commands on the register as a whole (init, demo, check).
 */

#define G_LOG_DOMAIN "kt-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <locale.h>
#include <stdio.h>
#include <unistd.h>

#include "cli/kt-cli.h"
#include "core/kt-date.h"

static gboolean run_init  (KtCli *cli, int argc, char **argv, GError **error);
static gboolean run_demo  (KtCli *cli, int argc, char **argv, GError **error);
static gboolean run_check (KtCli *cli, int argc, char **argv, GError **error);

static const KtCliCommand commands[] = {
  { "init", run_init, N_("Create the register, or change the shop’s settings") },
  { "member", kt_cli_member, N_("Add, find, show, edit, archive or erase members") },
  { "card", kt_cli_card, N_("Issue, assign, block, replace or show cards") },
  { "scheme", kt_cli_scheme, N_("List, import or export the loyalty schemes") },
  { "quote", kt_cli_quote, N_("Show what a purchase would get, recording nothing") },
  { "purchase", kt_cli_purchase, N_("Record a purchase at the till") },
  { "refund", kt_cli_refund, N_("Refund a purchase in full or in part") },
  { "points", kt_cli_points, N_("Adjust a member’s bonus points") },
  { "gift", kt_cli_gift, N_("Load money on a member’s gift card") },
  { "cards", kt_cli_cards, N_("Print cards to a PDF, list the batches of cards") },
  { "demo", run_demo, N_("Fill an empty register with a generated shop") },
  { "check", run_check, N_("Check the register and recount every member’s figures") },
};

/* ---- the register and global options ------------------------------------- */

static char *
default_database (void)
{
  return g_build_filename (g_get_user_data_dir (), "kartoteka", "kartoteka.db", NULL);
}

KtStore *
kt_cli_get_store (KtCli     *cli,
                  gboolean   create,
                  GError   **error)
{
  if (cli->store != NULL)
    return cli->store;

  if (cli->database == NULL)
    cli->database = default_database ();

  if (!create && !g_file_test (cli->database, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, KT_ERROR, KT_ERROR_NOT_FOUND,
                   _("There is no register at “%s”; create one with “kartoteka-cli init”"),
                   cli->database);
      return NULL;
    }

  cli->store = kt_store_open (cli->database, error);
  return cli->store;
}

/* A callback rather than a plain string option: --database may come both
 * before and after the command, and the later one wins without a leak. */
static gboolean
database_option_cb (const char  *option_name,
                    const char  *value,
                    gpointer     user_data,
                    GError     **error)
{
  KtCli *cli = user_data;

  if (*value == '\0')
    {
      kt_cli_set_usage_error (error, _("%s needs a file name"), option_name);
      return FALSE;
    }
  g_free (cli->database);
  cli->database = g_strdup (value);
  return TRUE;
}

static GOptionGroup *
global_option_group_new (KtCli *cli)
{
  const GOptionEntry entries[] = {
    { "database", 'd', 0, G_OPTION_ARG_CALLBACK, database_option_cb,
      N_("The register to use (default: $XDG_DATA_HOME/kartoteka/kartoteka.db)"), N_("FILE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &cli->json,
      N_("Print machine-readable JSON"), NULL },
    { NULL }
  };
  GOptionGroup *group;

  group = g_option_group_new ("global", _("Global options:"),
                              _("Show the options every command accepts"), cli, NULL);
  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
  g_option_group_add_entries (group, entries);
  return group;
}

/* ---- argument helpers ------------------------------------------------------- */

void
kt_cli_set_usage_error (GError     **error,
                        const char  *format,
                        ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED, message);
}

GOptionContext *
kt_cli_option_context_new (KtCli              *cli,
                           const char         *command,
                           const char         *parameters,
                           const char         *summary,
                           const GOptionEntry *entries)
{
  g_autofree char *prgname = g_strdup_printf ("kartoteka-cli %s", command);
  GOptionContext *context;

  /* GOptionContext prints the program name in --help and we name the
   * command there ("Usage: kartoteka-cli member add [OPTION…]"). */
  g_set_prgname (prgname);

  context = g_option_context_new (parameters);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, summary);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_add_group (context, global_option_group_new (cli));
  return context;
}

gboolean
kt_cli_parse_options (GOptionContext   *context,
                      int              *argc,
                      char           ***argv,
                      int               n_positional,
                      GError          **error)
{
  if (!g_option_context_parse (context, argc, argv, error))
    return FALSE;

  if (n_positional >= 0 && *argc - 1 != n_positional)
    {
      kt_cli_set_usage_error (error,
                              *argc - 1 < n_positional
                              ? _("missing argument; see “%s --help”")
                              : _("too many arguments; see “%s --help”"),
                              g_get_prgname ());
      return FALSE;
    }
  return TRUE;
}

/* Text arguments in UTF-8. Scripts run from cron often have no locale (and
 * so an ASCII charset) but pass UTF-8 names: valid UTF-8 is taken as it
 * is, anything else is converted from the locale's charset. */
char *
kt_cli_text_arg (const char  *arg,
                 GError     **error)
{
  char *text;

  if (g_utf8_validate (arg, -1, NULL))
    return g_strdup (arg);

  text = g_locale_to_utf8 (arg, -1, NULL, NULL, NULL);
  if (text == NULL)
    kt_cli_set_usage_error (error,
                            _("An argument is not valid text in this system’s character set"));
  return text;
}

gboolean
kt_cli_parse_id (const char  *text,
                 gint64      *out_id,
                 GError     **error)
{
  if (!g_ascii_string_to_signed (text, 10, 1, G_MAXINT64, out_id, NULL))
    {
      kt_cli_set_usage_error (error, _("“%s” is not a member number"), text);
      return FALSE;
    }
  return TRUE;
}

gboolean
kt_cli_parse_count (const char  *text,
                    const char  *what,
                    guint64      min,
                    guint64      max,
                    guint64     *out_value,
                    GError     **error)
{
  if (!g_ascii_string_to_unsigned (text, 10, min, max, out_value, NULL))
    {
      kt_cli_set_usage_error (error,
                              _("%s: “%s” is not a whole number from %" PRIu64
                                " to %" PRIu64),
                              what, text, min, max);
      return FALSE;
    }
  return TRUE;
}

gboolean
kt_cli_parse_money (const char  *text,
                    const char  *what,
                    KtMoney     *out_amount,
                    GError     **error)
{
  KtMoney amount = 0;

  if (!kt_money_parse (text, &amount, error))
    {
      /* TRANSLATORS: the option, then why its value is refused:
       * "--amount: “12,345” is not an amount: …" */
      g_prefix_error (error, _("%s: "), what);
      return FALSE;
    }
  if (amount == 0)
    {
      g_set_error (error, KT_ERROR, KT_ERROR_INVALID,
                   _("%s: the amount must be more than zero"), what);
      return FALSE;
    }
  *out_amount = amount;
  return TRUE;
}

char *
kt_cli_parse_at (const char  *text,
                 GError     **error)
{
  g_autoptr(GDateTime) at = NULL;

  if (text == NULL)
    return kt_datetime_now ();
  if (!kt_datetime_parse (text, &at, error))
    {
      g_prefix_error (error, _("%s: "), "--at");
      return NULL;
    }
  return kt_datetime_format (at);
}

static void
print_actions (const char         *group,
               const KtCliCommand *actions,
               guint               n_actions)
{
  g_autoptr(KtCliTable) table = kt_cli_table_new (2);

  if (group != NULL)
    g_print ("%s\n  kartoteka-cli %s %s\n\n%s\n", _("Usage:"), group,
             _("ACTION [OPTION…]"), _("Actions:"));
  for (guint i = 0; i < n_actions; i++)
    kt_cli_table_add_row (table, actions[i].name, _(actions[i].summary), NULL);
  kt_cli_table_print (table, "  ");
  if (group != NULL)
    {
      g_autofree char *hint = g_strdup_printf ("kartoteka-cli %s %s --help", group, _("ACTION"));

      g_print ("\n");
      /* TRANSLATORS: %s is a command line, e.g. kartoteka-cli member ACTION --help */
      g_print (_("Run “%s” for an action’s options.\n"), hint);
    }
}

gboolean
kt_cli_dispatch (KtCli               *cli,
                 const char          *group,
                 const KtCliCommand  *actions,
                 guint                n_actions,
                 int                  argc,
                 char               **argv,
                 GError             **error)
{
  if (argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")))
    {
      print_actions (group, actions, n_actions);
      return TRUE;
    }

  if (argc < 2)
    {
      kt_cli_set_usage_error (error, _("“%s” needs an action; see “kartoteka-cli %s --help”"),
                              group, group);
      return FALSE;
    }

  for (guint i = 0; i < n_actions; i++)
    if (g_str_equal (argv[1], actions[i].name))
      return actions[i].run (cli, argc - 1, argv + 1, error);

  kt_cli_set_usage_error (error, _("“%s %s” is not an action; see “kartoteka-cli %s --help”"),
                          group, argv[1], group);
  return FALSE;
}

/* ---- init ------------------------------------------------------------------- */

static void
print_settings (KtCli   *cli,
                KtStore *store)
{
  g_autofree char *shop_name = kt_store_get_setting (store, KT_SETTING_SHOP_NAME);
  g_autofree char *currency = kt_store_get_setting (store, KT_SETTING_CURRENCY);
  g_autofree char *prefix = kt_store_get_setting (store, KT_SETTING_CARD_PREFIX);

  if (cli->json)
    {
      g_autoptr(KtJson) json = kt_json_new ();

      kt_json_begin_object (json);
      kt_json_add_string (json, "path", kt_store_get_path (store));
      kt_json_add_int (json, "schema_version", kt_store_get_schema_version (store));
      kt_json_add_string (json, "shop_name", shop_name);
      kt_json_add_string (json, "currency", currency);
      kt_json_add_string (json, "card_prefix", prefix);
      kt_json_end_object (json);
      kt_json_flush (json);
    }
  else
    {
      g_autoptr(KtCliTable) table = kt_cli_table_new (2);
      g_autofree char *schema = g_strdup_printf ("%d", kt_store_get_schema_version (store));

      kt_cli_table_add_row (table, _("Register:"), kt_store_get_path (store), NULL);
      kt_cli_table_add_row (table, _("Schema:"), schema, NULL);
      kt_cli_table_add_row (table, _("Shop:"), kt_cli_or_dash (shop_name), NULL);
      kt_cli_table_add_row (table, _("Currency:"), kt_cli_or_dash (currency), NULL);
      kt_cli_table_add_row (table, _("Card prefix:"), kt_cli_or_dash (prefix), NULL);
      kt_cli_table_print (table, NULL);
    }
}

static gboolean
run_init (KtCli   *cli,
          int      argc,
          char   **argv,
          GError **error)
{
  g_autofree char *shop_name_arg = NULL;
  g_autofree char *currency_arg = NULL;
  g_autofree char *prefix_arg = NULL;
  g_autofree char *shop_name = NULL;
  g_autofree char *currency = NULL;
  g_autoptr(GOptionContext) context = NULL;
  const GOptionEntry entries[] = {
    { "shop-name", 0, 0, G_OPTION_ARG_FILENAME, &shop_name_arg,
      N_("The shop’s name, as printed on cards"), N_("NAME") },
    { "currency", 0, 0, G_OPTION_ARG_FILENAME, &currency_arg,
      N_("The shop’s currency (UAH, EUR, HUF, USD, …)"), N_("CODE") },
    { "card-prefix", 0, 0, G_OPTION_ARG_FILENAME, &prefix_arg,
      N_("Two-digit shop prefix of new card numbers"), N_("PP") },
    { NULL }
  };
  KtStore *store;

  context = kt_cli_option_context_new (cli, "init", NULL,
                                       _("Creates the register if it does not exist yet, "
                                         "then sets the shop’s settings that are given."),
                                       entries);
  if (!kt_cli_parse_options (context, &argc, &argv, 0, error))
    return FALSE;

  if (shop_name_arg != NULL && (shop_name = kt_cli_text_arg (shop_name_arg, error)) == NULL)
    return FALSE;
  if (currency_arg != NULL)
    {
      currency = g_ascii_strup (currency_arg, -1);
      if (!kt_currency_is_known (currency))
        {
          g_set_error (error, KT_ERROR, KT_ERROR_INVALID,
                       _("“%s” is not a currency Kartoteka knows (for example UAH, EUR, HUF, USD)"),
                       currency_arg);
          return FALSE;
        }
    }
  /* Both checked before anything is written, so that a bad value leaves the
   * register as it was. */
  if (prefix_arg != NULL && !kt_card_prefix_parse (prefix_arg, NULL, error))
    return FALSE;

  store = kt_cli_get_store (cli, TRUE, error);
  if (store == NULL)
    return FALSE;

  /* The shop name goes first: it is the only one the store can still
   * refuse (too long), and then nothing has changed yet. */
  if ((shop_name != NULL && !kt_store_set_setting (store, KT_SETTING_SHOP_NAME, shop_name, error)) ||
      (currency != NULL && !kt_store_set_setting (store, KT_SETTING_CURRENCY, currency, error)) ||
      (prefix_arg != NULL &&
       !kt_store_set_setting (store, KT_SETTING_CARD_PREFIX, prefix_arg, error)))
    return FALSE;

  print_settings (cli, store);
  return TRUE;
}

/* ---- demo ------------------------------------------------------------------- */

typedef struct
{
  int   last_percent;
  char *last_what;
} DemoProgress;

static void
demo_progress_cb (double      fraction,
                  const char *what,
                  gpointer    user_data)
{
  DemoProgress *progress = user_data;
  int percent = (int) CLAMP (fraction * 100.0, 0.0, 100.0);

  /* Redrawn only when the figure changes: the generator reports far more
   * often than a terminal can usefully show. */
  if (percent == progress->last_percent && g_strcmp0 (what, progress->last_what) == 0)
    return;
  progress->last_percent = percent;
  g_free (progress->last_what);
  progress->last_what = g_strdup (what);

  /* \r and "erase to end of line": one line that updates in place. */
  g_printerr ("\r\033[K%s %d%%", what != NULL ? what : "", percent);
}

static void
print_demo_summary (KtCli               *cli,
                    const KtDemoOptions *options,
                    double               seconds)
{
  if (cli->json)
    {
      g_autoptr(KtJson) json = kt_json_new ();

      kt_json_begin_object (json);
      kt_json_add_string (json, "path", cli->database);
      kt_json_add_int (json, "members", options->members);
      kt_json_add_int (json, "purchases", options->purchases);
      kt_json_key (json, "seed");
      kt_json_int (json, (gint64) options->seed);
      kt_json_add_string (json, "today", options->today);
      kt_json_key (json, "elapsed_seconds");
      kt_json_double (json, seconds);
      kt_json_end_object (json);
      kt_json_flush (json);
    }
  else
    {
      g_autofree char *members = g_strdup_printf (ngettext ("%u member", "%u members",
                                                            options->members),
                                                  options->members);
      g_autofree char *purchases = g_strdup_printf (ngettext ("%u purchase", "%u purchases",
                                                              options->purchases),
                                                    options->purchases);

      /* TRANSLATORS: "Demo register: 200 members, 1000 purchases in 0.42 s" */
      g_print (_("Demo register: %s, %s in %.2f s\n"), members, purchases, seconds);
    }
}

static gboolean
parse_demo_options (const char     *members,
                    const char     *purchases,
                    const char     *seed,
                    const char     *today,
                    KtDemoOptions  *options,
                    GError        **error)
{
  guint64 value;

  if (members == NULL || purchases == NULL)
    {
      kt_cli_set_usage_error (error, _("say how big the demo is with --members and --purchases"));
      return FALSE;
    }
  if (!kt_cli_parse_count (members, "--members", 1, G_MAXUINT, &value, error))
    return FALSE;
  options->members = (guint) value;
  if (!kt_cli_parse_count (purchases, "--purchases", 0, G_MAXUINT, &value, error))
    return FALSE;
  options->purchases = (guint) value;
  if (seed != NULL && !kt_cli_parse_count (seed, "--seed", 0, G_MAXUINT64, &options->seed, error))
    return FALSE;
  if (today != NULL && !kt_date_is_valid (today))
    {
      kt_cli_set_usage_error (error, _("--today: “%s” is not a date like 2024-12-31"), today);
      return FALSE;
    }
  options->today = today;
  return TRUE;
}

static gboolean
run_demo (KtCli   *cli,
          int      argc,
          char   **argv,
          GError **error)
{
  g_autofree char *members = NULL;
  g_autofree char *purchases = NULL;
  g_autofree char *seed = NULL;
  g_autofree char *today = NULL;
  g_autofree char *today_default = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GTimer) timer = NULL;
  const GOptionEntry entries[] = {
    { "members", 0, 0, G_OPTION_ARG_STRING, &members, N_("How many members"), N_("N") },
    { "purchases", 0, 0, G_OPTION_ARG_STRING, &purchases, N_("How many purchases"), N_("M") },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &seed,
      N_("Seed of the generator: the same seed gives the same shop (default 1)"), N_("S") },
    { "today", 0, 0, G_OPTION_ARG_STRING, &today,
      N_("The day the demo’s history ends on (default: yesterday)"), N_("YYYY-MM-DD") },
    { NULL }
  };
  KtDemoOptions options = { 0, 0, 1, NULL };
  DemoProgress progress = { -1, NULL };
  gboolean show_progress = isatty (STDERR_FILENO);
  gboolean ok;
  KtStore *store;

  context = kt_cli_option_context_new (cli, "demo", NULL,
                                       _("Fills an empty register with generated members, "
                                         "cards and purchases, for trying Kartoteka out "
                                         "and for measuring it."),
                                       entries);
  if (!kt_cli_parse_options (context, &argc, &argv, 0, error) ||
      !parse_demo_options (members, purchases, seed, today, &options, error))
    return FALSE;

  /* Said in the summary, so that a run can be repeated exactly. */
  if (options.today == NULL)
    options.today = today_default = kt_date_today ();

  store = kt_cli_get_store (cli, TRUE, error);
  if (store == NULL)
    return FALSE;

  timer = g_timer_new ();
  ok = kt_store_fill_demo (store, &options,
                           show_progress ? demo_progress_cb : NULL, &progress, error);
  g_timer_stop (timer);

  if (progress.last_what != NULL || progress.last_percent >= 0)
    g_printerr ("\r\033[K");
  g_free (progress.last_what);

  if (!ok)
    return FALSE;

  print_demo_summary (cli, &options, g_timer_elapsed (timer, NULL));
  return TRUE;
}

/* ---- check ------------------------------------------------------------------- */

static const char *
difference_label (const char *what)
{
  if (g_strcmp0 (what, "total_spent") == 0)
    return _("total spent");
  if (g_strcmp0 (what, "purchase_count") == 0)
    return _("purchases");
  if (g_strcmp0 (what, "last_visit") == 0)
    return _("last visit");
  if (g_strcmp0 (what, "points") == 0)
    return _("points");
  if (g_strcmp0 (what, "card") == 0)
    return _("active card");
  if (g_strcmp0 (what, "listed_members") == 0)
    return _("members listed");
  return what;
}

/* The store reports figures as it keeps them; money is kept in minor
 * units and shown, like everywhere else, as a decimal ("12.34"). */
static char *
difference_value (const char *what,
                  const char *value)
{
  gint64 minor_units;

  if (g_strcmp0 (what, "total_spent") == 0 && value != NULL &&
      g_ascii_string_to_signed (value, 10, G_MININT64, G_MAXINT64, &minor_units, NULL))
    return kt_money_format (minor_units);
  return g_strdup (value);
}

static void
print_check (KtCli      *cli,
             const char *integrity,
             GPtrArray  *differences)
{
  gboolean consistent = g_str_equal (integrity, "ok") && differences->len == 0;

  if (cli->json)
    {
      g_autoptr(KtJson) json = kt_json_new ();

      kt_json_begin_object (json);
      kt_json_add_string (json, "integrity", integrity);
      kt_json_add_boolean (json, "consistent", consistent);
      kt_json_key (json, "differences");
      kt_json_begin_array (json);
      for (guint i = 0; i < differences->len; i++)
        {
          const KtCheckDifference *difference = differences->pdata[i];
          g_autofree char *stored = difference_value (difference->what, difference->stored);
          g_autofree char *computed = difference_value (difference->what,
                                                        difference->computed);

          kt_json_begin_object (json);
          kt_json_add_id (json, "member_id", difference->member_id);
          kt_json_add_string (json, "what", difference->what);
          kt_json_add_string (json, "stored", stored);
          kt_json_add_string (json, "computed", computed);
          kt_json_end_object (json);
        }
      kt_json_end_array (json);
      kt_json_end_object (json);
      kt_json_flush (json);
      return;
    }

  g_print (_("Integrity: %s\n"), integrity);
  if (differences->len == 0)
    {
      g_print (_("Every member’s figures agree with the history.\n"));
      return;
    }

  for (guint i = 0; i < differences->len; i++)
    {
      const KtCheckDifference *difference = differences->pdata[i];
      g_autofree char *stored = difference_value (difference->what, difference->stored);
      g_autofree char *computed = difference_value (difference->what, difference->computed);

      if (difference->member_id == 0)
        /* TRANSLATORS: the register's own figures, e.g. "Register: members listed is stored as 10, the members give 12" */
        g_print (_("Register: %s is stored as %s, the members give %s\n"),
                 difference_label (difference->what),
                 kt_cli_or_dash (stored), kt_cli_or_dash (computed));
      else
        /* TRANSLATORS: "Member 12: total spent is stored as 10.00, the history gives 12.00" */
        g_print (_("Member %lld: %s is stored as %s, the history gives %s\n"),
                 (long long) difference->member_id, difference_label (difference->what),
                 kt_cli_or_dash (stored), kt_cli_or_dash (computed));
    }
}

static gboolean
run_check (KtCli   *cli,
           int      argc,
           char   **argv,
           GError **error)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GPtrArray) differences = NULL;
  g_autofree char *integrity = NULL;
  KtStore *store;

  context = kt_cli_option_context_new (cli, "check", NULL,
                                       _("Checks the database file and recounts every member’s "
                                         "total, purchases, last visit and points from the "
                                         "history. Exits with status 1 when anything differs."),
                                       NULL);
  if (!kt_cli_parse_options (context, &argc, &argv, 0, error))
    return FALSE;

  store = kt_cli_get_store (cli, FALSE, error);
  if (store == NULL || !kt_store_check (store, &integrity, &differences, error))
    return FALSE;

  print_check (cli, integrity, differences);

  if (!g_str_equal (integrity, "ok"))
    {
      g_set_error (error, KT_ERROR, KT_ERROR_CORRUPT,
                   _("The database file failed its integrity check; restore a backup"));
      return FALSE;
    }
  if (differences->len > 0)
    {
      g_set_error (error, KT_ERROR, KT_ERROR_STATE,
                   ngettext ("%u figure differs from the history",
                             "%u figures differ from the history", differences->len),
                   differences->len);
      return FALSE;
    }
  return TRUE;
}

/* ---- main ----------------------------------------------------------------------- */

static char *
commands_description (void)
{
  g_autoptr(GString) text = g_string_new (_("Commands:"));

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (text, "\n  %-8s  %s", commands[i].name, _(commands[i].summary));
  g_string_append (text, "\n\n");
  g_string_append (text, _("Run “kartoteka-cli COMMAND --help” for a command’s options."));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gboolean
run (KtCli   *cli,
     int      argc,
     char   **argv,
     GError **error)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autofree char *description = commands_description ();
  gboolean version = FALSE;
  const GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, N_("Show the version and quit"), NULL },
    { NULL }
  };
  GOptionGroup *main_group;

  context = g_option_context_new (_("COMMAND [ARGUMENT…]"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("Work with a Kartoteka loyalty-card register."));
  g_option_context_set_description (context, description);
  /* Options up to the command are ours; the rest are the command's. */
  g_option_context_set_strict_posix (context, TRUE);
  main_group = global_option_group_new (cli);
  g_option_group_add_entries (main_group, entries);
  g_option_context_set_main_group (context, main_group);

  if (!g_option_context_parse (context, &argc, &argv, error))
    return FALSE;

  if (version)
    {
      g_print ("kartoteka-cli %s\n", PACKAGE_VERSION);
      return TRUE;
    }

  if (argc < 2)
    {
      kt_cli_set_usage_error (error, _("no command given; see “kartoteka-cli --help”"));
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      return commands[i].run (cli, argc - 1, argv + 1, error);

  kt_cli_set_usage_error (error, _("“%s” is not a command; see “kartoteka-cli --help”"), argv[1]);
  return FALSE;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  KtCli cli = { NULL, FALSE, NULL, NULL };
  int status = KT_CLI_EXIT_OK;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("kartoteka-cli");

  if (!run (&cli, argc, argv, &error))
    {
      /* Every failing path sets an error; a library bug that forgets to
       * must still not look like success. */
      if (error == NULL)
        g_set_error_literal (&error, KT_ERROR, KT_ERROR_DATABASE,
                             _("The operation failed for an unknown reason"));
      kt_cli_print_error (error);
      status = error->domain == G_OPTION_ERROR ? KT_CLI_EXIT_USAGE : KT_CLI_EXIT_REFUSED;
    }

  g_clear_pointer (&cli.store, kt_store_close);
  g_free (cli.database);
  g_free (cli.currency);
  return status;
}
