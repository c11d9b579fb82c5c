/* kt-cli-scheme.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * kartoteka-cli scheme: list the shop's loyalty schemes and how their
 * discounts combine, import a scheme file and export one.
 */

#define G_LOG_DOMAIN "kt-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "cli/kt-cli.h"

/* ---- printing the programme ------------------------------------------------ */

/* Who a scheme applies to, in the words of the scheme file. */
static char *
audience_text (const KtScheme *scheme)
{
  switch (scheme->audience)
    {
    case KT_AUDIENCE_STATUS:
      return g_strdup_printf ("status %s", kt_member_status_to_string (scheme->audience_status));
    case KT_AUDIENCE_TIER:
      return g_strdup_printf ("tier %s", scheme->audience_tier);
    case KT_AUDIENCE_EVERYONE:
    default:
      return g_strdup ("everyone");
    }
}

static char *
audience_label (const KtScheme *scheme)
{
  switch (scheme->audience)
    {
    case KT_AUDIENCE_STATUS:
      /* TRANSLATORS: who a scheme applies to: "status: VIP" */
      return g_strdup_printf (_("status: %s"), kt_member_status_label (scheme->audience_status));
    case KT_AUDIENCE_TIER:
      /* TRANSLATORS: who a scheme applies to: "tier: Gold" */
      return g_strdup_printf (_("tier: %s"), scheme->audience_tier);
    case KT_AUDIENCE_EVERYONE:
    default:
      return g_strdup (_("everyone"));
    }
}

static char *
validity_label (const KtScheme *scheme)
{
  if (scheme->valid_from != NULL && scheme->valid_to != NULL)
    /* TRANSLATORS: the days a scheme applies: "2026-06-01 – 2026-08-31" */
    return g_strdup_printf (_("%s – %s"), scheme->valid_from, scheme->valid_to);
  if (scheme->valid_from != NULL)
    return g_strdup_printf (_("from %s"), scheme->valid_from);
  if (scheme->valid_to != NULL)
    return g_strdup_printf (_("until %s"), scheme->valid_to);
  return g_strdup (_("always"));
}

static void
print_programme_json (const KtProgramme *programme)
{
  g_autoptr(KtJson) json = kt_json_new ();

  kt_json_begin_object (json);
  kt_json_add_string (json, "combine", programme->combine == KT_COMBINE_ADD ? "add" : "best");
  kt_json_key (json, "cap_bp");
  if (programme->cap_bp > 0)
    kt_json_int (json, programme->cap_bp);
  else
    kt_json_null (json);
  kt_json_key (json, "category_limits");
  kt_json_begin_array (json);
  for (guint i = 0; i < programme->limits->len; i++)
    {
      const KtCategoryLimit *limit = &g_array_index (programme->limits, KtCategoryLimit, i);

      kt_json_begin_object (json);
      kt_json_add_string (json, "category", limit->category);
      kt_json_add_int (json, "max_bp", limit->max_bp);
      kt_json_end_object (json);
    }
  kt_json_end_array (json);

  kt_json_key (json, "schemes");
  kt_json_begin_array (json);
  for (guint i = 0; i < programme->schemes->len; i++)
    {
      const KtScheme *scheme = programme->schemes->pdata[i];
      g_autofree char *audience = audience_text (scheme);

      kt_json_begin_object (json);
      kt_json_add_id (json, "id", scheme->id);
      kt_json_add_string (json, "name", scheme->name);
      kt_json_add_string (json, "kind", kt_scheme_kind_to_string (scheme->kind));
      kt_json_add_boolean (json, "active", scheme->active);
      kt_json_add_string (json, "valid_from", scheme->valid_from);
      kt_json_add_string (json, "valid_to", scheme->valid_to);
      kt_json_add_string (json, "applies_to", audience);
      kt_json_end_object (json);
    }
  kt_json_end_array (json);
  kt_json_end_object (json);
  kt_json_flush (json);
}

/* "Discounts: the best single discount wins, at most 15 % of a purchase",
 * then the categories' maximums. */
static void
print_policy (const KtProgramme *programme)
{
  g_autofree char *cap = NULL;
  g_autoptr(GString) limits = g_string_new (NULL);

  if (programme->cap_bp > 0)
    {
      g_autofree char *percent = kt_bp_format (programme->cap_bp);

      /* TRANSLATORS: the discount cap: "at most 15 % of a purchase" */
      cap = g_strdup_printf (_("at most %s of a purchase"), percent);
    }
  else
    cap = g_strdup (_("no cap"));

  /* TRANSLATORS: "Discounts: the best single discount wins; at most 15 % of a purchase" */
  g_print (_("Discounts: %s; %s\n"),
           programme->combine == KT_COMBINE_ADD ? _("they add up")
                                                : _("the best single discount wins"),
           cap);

  for (guint i = 0; i < programme->limits->len; i++)
    {
      const KtCategoryLimit *limit = &g_array_index (programme->limits, KtCategoryLimit, i);
      g_autofree char *percent = kt_bp_format (limit->max_bp);

      g_string_append_printf (limits, "%s%s %s", i > 0 ? ", " : "", limit->category, percent);
    }
  if (limits->len > 0)
    g_print (_("Maximum discount by category: %s\n"), limits->str);
}

static void
print_programme_text (const KtProgramme *programme)
{
  g_autoptr(KtCliTable) table = kt_cli_table_new (6);

  print_policy (programme);
  g_print ("\n");
  if (programme->schemes->len == 0)
    {
      g_print ("%s\n", _("No schemes yet; load a scheme file with "
                         "“kartoteka-cli scheme import FILE”."));
      return;
    }

  kt_cli_table_align_right (table, 0);
  kt_cli_table_add_row (table, _("ID"), _("Name"), _("Kind"), _("Active"), _("Valid"),
                        _("Applies to"), NULL);
  for (guint i = 0; i < programme->schemes->len; i++)
    {
      const KtScheme *scheme = programme->schemes->pdata[i];
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, scheme->id);
      g_autofree char *valid = validity_label (scheme);
      g_autofree char *audience = audience_label (scheme);

      kt_cli_table_add_row (table, id, scheme->name, kt_scheme_kind_to_string (scheme->kind),
                            scheme->active ? _("yes") : _("no"), valid, audience, NULL);
    }
  kt_cli_table_print (table, NULL);
}

static void
print_programme (KtCli             *cli,
                 const KtProgramme *programme)
{
  if (cli->json)
    print_programme_json (programme);
  else
    print_programme_text (programme);
}

/* ---- scheme list ------------------------------------------------------------ */

static gboolean
scheme_list (KtCli   *cli,
             int      argc,
             char   **argv,
             GError **error)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(KtProgramme) programme = NULL;
  KtStore *store;

  context = kt_cli_option_context_new (cli, "scheme list", NULL,
                                       _("Lists the shop’s loyalty schemes and how their "
                                         "discounts combine."),
                                       NULL);
  if (!kt_cli_parse_options (context, &argc, &argv, 0, error))
    return FALSE;

  store = kt_cli_get_store (cli, FALSE, error);
  if (store == NULL)
    return FALSE;
  programme = kt_store_programme_get (store, error);
  if (programme == NULL)
    return FALSE;

  print_programme (cli, programme);
  return TRUE;
}

/* ---- scheme import ---------------------------------------------------------- */

static gboolean
scheme_import (KtCli   *cli,
               int      argc,
               char   **argv,
               GError **error)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(KtProgramme) programme = NULL;
  g_autoptr(KtProgramme) imported = NULL;
  g_autofree char *shown = NULL;
  KtStore *store;

  context = kt_cli_option_context_new (cli, "scheme import", _("FILE"),
                                       _("Replaces the shop’s loyalty programme with the one in "
                                         "a scheme file. A scheme with the name of an existing "
                                         "one keeps its members’ counters; schemes not in the "
                                         "file are removed. The whole file is checked first: "
                                         "if any line is wrong, nothing changes."),
                                       NULL);
  if (!kt_cli_parse_options (context, &argc, &argv, 1, error))
    return FALSE;

  shown = g_filename_display_name (argv[1]);
  /* Read and checked before the register is even opened. */
  programme = kt_scheme_file_load (argv[1], error);
  if (programme == NULL)
    {
      /* TRANSLATORS: a scheme file's name, then why it is refused:
       * "spring.ini: Line 12: …" */
      g_prefix_error (error, _("%s: "), shown);
      return FALSE;
    }

  store = kt_cli_get_store (cli, FALSE, error);
  if (store == NULL || !kt_store_programme_import (store, programme, error))
    return FALSE;

  /* What the register holds now, with the schemes' ids. */
  imported = kt_store_programme_get (store, error);
  if (imported == NULL)
    return FALSE;

  if (!cli->json)
    {
      g_print (ngettext ("Imported %u scheme from %s.\n", "Imported %u schemes from %s.\n",
                         imported->schemes->len),
               imported->schemes->len, shown);
    }
  print_programme (cli, imported);
  return TRUE;
}

/* ---- scheme export ---------------------------------------------------------- */

static gboolean
scheme_export (KtCli   *cli,
               int      argc,
               char   **argv,
               GError **error)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(KtProgramme) programme = NULL;
  g_autofree char *shown = NULL;
  KtQuoteSettings settings;
  KtStore *store;

  context = kt_cli_option_context_new (cli, "scheme export", _("FILE"),
                                       _("Saves the shop’s loyalty programme as a scheme file, "
                                         "to keep, review or load in another register. An "
                                         "existing FILE is replaced."),
                                       NULL);
  if (!kt_cli_parse_options (context, &argc, &argv, 1, error))
    return FALSE;

  store = kt_cli_get_store (cli, FALSE, error);
  if (store == NULL)
    return FALSE;
  programme = kt_store_programme_get (store, error);
  if (programme == NULL)
    return FALSE;

  kt_programme_get_settings (programme, &settings);
  if (!kt_scheme_file_save (argv[1], (KtScheme *const *) programme->schemes->pdata,
                            programme->schemes->len, &settings, error))
    return FALSE;

  shown = g_filename_display_name (argv[1]);
  if (cli->json)
    {
      g_autoptr(KtJson) json = kt_json_new ();

      kt_json_begin_object (json);
      kt_json_add_string (json, "path", shown);
      kt_json_add_int (json, "schemes", programme->schemes->len);
      kt_json_end_object (json);
      kt_json_flush (json);
    }
  else
    g_print (ngettext ("Saved %u scheme to %s.\n", "Saved %u schemes to %s.\n",
                       programme->schemes->len),
             programme->schemes->len, shown);
  return TRUE;
}

/* ---- dispatch --------------------------------------------------------------- */

static const KtCliCommand scheme_actions[] = {
  { "list", scheme_list, N_("List the schemes and how discounts combine") },
  { "import", scheme_import, N_("Replace the programme with a scheme file’s") },
  { "export", scheme_export, N_("Save the programme as a scheme file") },
};

gboolean
kt_cli_scheme (KtCli   *cli,
               int      argc,
               char   **argv,
               GError **error)
{
  return kt_cli_dispatch (cli, "scheme", scheme_actions, G_N_ELEMENTS (scheme_actions),
                          argc, argv, error);
}
