/* kt-cli-member.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * kartoteka-cli member: add, show, find, edit, archive and erase.
 */

#define G_LOG_DOMAIN "kt-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <string.h>

#include "cli/kt-cli.h"

/* Rows read per query when a listing is longer than one page: keyset
 * paging keeps every page as cheap as the first. */
#define FIND_PAGE_ROWS 1000
#define SHOW_PURCHASES 10

/* ---- profile options, shared by add and edit -------------------------------- */

typedef struct
{
  char     *name;
  char     *phone;
  char     *email;
  char     *birth_date;
  char     *notes;
  char     *status;
  char     *referrer;
  gboolean  consent;
  gboolean  no_consent;
  gboolean  force;
} ProfileArgs;

static void
profile_args_clear (ProfileArgs *args)
{
  g_free (args->name);
  g_free (args->phone);
  g_free (args->email);
  g_free (args->birth_date);
  g_free (args->notes);
  g_free (args->status);
  g_free (args->referrer);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ProfileArgs, profile_args_clear)

/* Text options are FILENAME options (raw bytes), converted by
 * kt_cli_text_arg(): see there why. */
static void
fill_profile_entries (GOptionEntry *entries,
                      ProfileArgs  *args,
                      gboolean      editing)
{
  const GOptionEntry all[] = {
    { "name", 0, 0, G_OPTION_ARG_FILENAME, &args->name, N_("Full name"), N_("NAME") },
    { "phone", 0, 0, G_OPTION_ARG_FILENAME, &args->phone, N_("Phone number"), N_("PHONE") },
    { "email", 0, 0, G_OPTION_ARG_FILENAME, &args->email, N_("E-mail address"), N_("EMAIL") },
    { "birth-date", 0, 0, G_OPTION_ARG_FILENAME, &args->birth_date,
      N_("Date of birth (\"\" to clear)"), N_("YYYY-MM-DD") },
    { "notes", 0, 0, G_OPTION_ARG_FILENAME, &args->notes, N_("Free notes"), N_("TEXT") },
    { "status", 0, 0, G_OPTION_ARG_STRING, &args->status,
      N_("regular, vip or blocked"), N_("STATUS") },
    { "referrer", 0, 0, G_OPTION_ARG_STRING, &args->referrer,
      N_("The member who recommended this one (0 for nobody)"), N_("ID") },
    { "consent", 0, 0, G_OPTION_ARG_NONE, &args->consent,
      N_("The member agrees to marketing messages"), NULL },
    { "force", 0, 0, G_OPTION_ARG_NONE, &args->force,
      N_("Save even when another member has the same phone number or e-mail"), NULL },
    { "no-consent", 0, 0, G_OPTION_ARG_NONE, &args->no_consent,
      N_("The member withdraws marketing consent"), NULL },
    { NULL }
  };
  guint n = G_N_ELEMENTS (all) - 1;

  /* --no-consent only makes sense for an existing member. */
  if (!editing)
    n--;
  memcpy (entries, all, n * sizeof (GOptionEntry));
  memset (&entries[n], 0, sizeof (GOptionEntry));
}

static gboolean
profile_args_empty (const ProfileArgs *args)
{
  return args->name == NULL && args->phone == NULL && args->email == NULL &&
         args->birth_date == NULL && args->notes == NULL && args->status == NULL &&
         args->referrer == NULL && !args->consent && !args->no_consent;
}

static gboolean
apply_text (const char  *arg,
            char       **field,
            GError     **error)
{
  g_autofree char *text = NULL;

  if (arg == NULL)
    return TRUE;
  text = kt_cli_text_arg (arg, error);
  if (text == NULL)
    return FALSE;
  kt_member_set_string (field, text);
  return TRUE;
}

static gboolean
apply_referrer (const char  *arg,
                KtMember    *member,
                GError     **error)
{
  if (arg == NULL)
    return TRUE;
  if (*arg == '\0' || g_str_equal (arg, "0"))
    {
      member->referrer_id = 0;
      return TRUE;
    }
  return kt_cli_parse_id (arg, &member->referrer_id, error);
}

/* Only what was given changes; validation is the store's. */
static gboolean
apply_profile (const ProfileArgs  *args,
               KtMember           *member,
               GError            **error)
{
  if (args->consent && args->no_consent)
    {
      kt_cli_set_usage_error (error, _("give either --consent or --no-consent, not both"));
      return FALSE;
    }
  if (args->status != NULL && !kt_member_status_from_string (args->status, &member->status))
    {
      kt_cli_set_usage_error (error, _("--status: “%s” is not regular, vip or blocked"),
                              args->status);
      return FALSE;
    }

  if (!apply_text (args->name, &member->name, error) ||
      !apply_text (args->phone, &member->phone, error) ||
      !apply_text (args->email, &member->email, error) ||
      !apply_text (args->notes, &member->notes, error) ||
      !apply_referrer (args->referrer, member, error))
    return FALSE;

  if (args->birth_date != NULL && *args->birth_date == '\0')
    g_clear_pointer (&member->birth_date, g_free);
  else if (!apply_text (args->birth_date, &member->birth_date, error))
    return FALSE;

  if (args->consent)
    member->consent = TRUE;
  if (args->no_consent)
    member->consent = FALSE;
  return TRUE;
}

/* A probable duplicate is the user's call, not the store's: refused here
 * unless --force, naming who is already there. */
static gboolean
refuse_duplicates (KtStore         *store,
                   const KtMember  *member,
                   GError         **error)
{
  g_autoptr(GPtrArray) duplicates = NULL;
  const KtMember *other = NULL;
  guint n_others = 0;

  duplicates = kt_store_member_find_duplicates (store, member, error);
  if (duplicates == NULL)
    return FALSE;

  for (guint i = 0; i < duplicates->len; i++)
    {
      const KtMember *candidate = duplicates->pdata[i];

      if (member->id != 0 && candidate->id == member->id)
        continue;
      if (other == NULL)
        other = candidate;
      n_others++;
    }
  if (other == NULL)
    return TRUE;

  if (n_others == 1)
    g_set_error (error, KT_ERROR, KT_ERROR_CONFLICT,
                 _("Member %" PRId64 " (%s) has the same phone number or e-mail; "
                   "add --force to save anyway"),
                 other->id, other->name);
  else
    g_set_error (error, KT_ERROR, KT_ERROR_CONFLICT,
                 ngettext ("Member %" PRId64 " (%s) and %u other have the same "
                           "phone number or e-mail; add --force to save anyway",
                           "Member %" PRId64 " (%s) and %u others have the same "
                           "phone number or e-mail; add --force to save anyway",
                           n_others - 1),
                 other->id, other->name, n_others - 1);
  return FALSE;
}

/* ---- printing a member -------------------------------------------------------- */

static char *
one_line (const char *text)
{
  char *line = g_strdup (text != NULL ? text : "");

  return g_strdelimit (line, "\r\n\t", ' ');
}

static void
add_money_row (KtCli      *cli,
               KtCliTable *table,
               const char *label,
               KtMoney     amount)
{
  g_autofree char *text = kt_cli_format_money (cli, amount);

  kt_cli_table_add_row (table, label, text, NULL);
}

static void
print_profile (KtCli          *cli,
               const KtMember *member)
{
  g_autoptr(KtCliTable) table = kt_cli_table_new (2);
  g_autofree char *notes = one_line (member->notes);
  g_autofree char *referrer = NULL;
  g_autofree char *consent = NULL;
  g_autofree char *purchases = g_strdup_printf ("%" G_GINT64_FORMAT, member->purchase_count);
  g_autofree char *points = g_strdup_printf ("%" G_GINT64_FORMAT, member->points);

  if (member->referrer_id > 0)
    referrer = g_strdup_printf (_("member %" PRId64 " (%s)"), member->referrer_id,
                                kt_cli_or_dash (member->referrer_name));
  if (member->consent && member->consent_date != NULL)
    consent = g_strdup_printf (_("yes, since %s"), member->consent_date);
  else
    consent = g_strdup (member->consent ? _("yes") : _("no"));

  /* TRANSLATORS: heading of a member's profile: "Anna Kovalenko (member 12)" */
  g_print (_("%s (member %" PRId64 ")\n"), kt_cli_or_dash (member->name), member->id);
  if (member->erased)
    g_print ("%s\n", _("Personal data erased on request."));
  else if (member->archived)
    g_print ("%s\n", _("Archived: not in the list, cards not accepted."));

  kt_cli_table_add_row (table, _("Status:"), kt_member_status_label (member->status), NULL);
  kt_cli_table_add_row (table, _("Card:"), kt_cli_or_dash (member->card), NULL);
  kt_cli_table_add_row (table, _("Phone:"), kt_cli_or_dash (member->phone), NULL);
  kt_cli_table_add_row (table, _("E-mail:"), kt_cli_or_dash (member->email), NULL);
  kt_cli_table_add_row (table, _("Birth date:"), kt_cli_or_dash (member->birth_date), NULL);
  kt_cli_table_add_row (table, _("Joined:"), kt_cli_or_dash (member->joined), NULL);
  kt_cli_table_add_row (table, _("Referred by:"), kt_cli_or_dash (referrer), NULL);
  kt_cli_table_add_row (table, _("Marketing consent:"), consent, NULL);
  kt_cli_table_add_row (table, _("Notes:"), kt_cli_or_dash (notes), NULL);
  add_money_row (cli, table, _("Total spent:"), member->total_spent);
  kt_cli_table_add_row (table, _("Purchases:"), purchases, NULL);
  kt_cli_table_add_row (table, _("Last visit:"), kt_cli_or_dash (member->last_visit), NULL);
  kt_cli_table_add_row (table, _("Points:"), points, NULL);
  kt_cli_table_print (table, "  ");
}

/* Where the member stands in the loyalty programme today. */
static void
print_standing (KtCli                  *cli,
                const KtMemberStanding *standing)
{
  g_autoptr(KtCliTable) table = kt_cli_table_new (2);
  g_autofree char *usable = g_strdup_printf ("%lld", (long long) standing->points_usable);
  g_autofree char *pending = g_strdup_printf ("%lld", (long long) standing->points_pending);
  g_autofree char *expiring = NULL;

  if (standing->points_next_expiry != NULL && standing->points_expiring > 0)
    /* TRANSLATORS: "120 on 2027-03-31": points that expire, and the day */
    expiring = g_strdup_printf (_("%lld on %s"), (long long) standing->points_expiring,
                                standing->points_next_expiry);

  g_print ("\n%s\n", _("Loyalty programme:"));
  kt_cli_table_add_row (table, _("Tier:"), kt_cli_or_dash (standing->tier), NULL);
  add_money_row (cli, table, _("Spent this year:"), standing->year_spent);
  kt_cli_table_add_row (table, _("Points usable:"), usable, NULL);
  kt_cli_table_add_row (table, _("Points pending:"), pending, NULL);
  kt_cli_table_add_row (table, _("Points expiring:"), kt_cli_or_dash (expiring), NULL);
  add_money_row (cli, table, _("Gift card:"), standing->gift_balance);
  for (guint i = 0; standing->progress != NULL && i < standing->progress->len; i++)
    kt_cli_table_add_row (table, i == 0 ? _("Progress:") : "",
                          (const char *) standing->progress->pdata[i], NULL);
  kt_cli_table_print (table, "  ");
}

static void
print_cards (GPtrArray *cards)
{
  g_autoptr(KtCliTable) table = kt_cli_table_new (3);

  g_print ("\n%s\n", _("Cards:"));
  if (cards->len == 0)
    {
      g_print ("  %s\n", _("none"));
      return;
    }
  for (guint i = 0; i < cards->len; i++)
    {
      const KtCard *card = cards->pdata[i];

      kt_cli_table_add_row (table, card->number, kt_card_state_label (card->state),
                            kt_cli_or_dash (card->changed), NULL);
    }
  kt_cli_table_print (table, "  ");
}

/* The id comes first: it is what "kartoteka-cli refund" takes. */
static void
print_purchases (KtCli     *cli,
                 GPtrArray *purchases)
{
  g_autoptr(KtCliTable) table = kt_cli_table_new (7);

  g_print ("\n%s\n", _("Last purchases:"));
  if (purchases->len == 0)
    {
      g_print ("  %s\n", _("none"));
      return;
    }
  kt_cli_table_align_right (table, 0);
  for (guint column = 2; column < 7; column++)
    kt_cli_table_align_right (table, column);
  kt_cli_table_add_row (table, _("ID"), _("Date"), _("Amount"), _("Discount"), _("Paid"),
                        _("Points"), _("Refunded"), NULL);
  for (guint i = 0; i < purchases->len; i++)
    {
      const KtPurchase *purchase = purchases->pdata[i];
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, purchase->id);
      g_autofree char *amount = kt_cli_format_money (cli, purchase->amount);
      g_autofree char *discount = kt_cli_format_money (cli, purchase->discount);
      g_autofree char *paid = kt_cli_format_money (cli, purchase->paid);
      g_autofree char *points = g_strdup_printf ("%+" G_GINT64_FORMAT,
                                                 purchase->points_earned -
                                                 purchase->points_redeemed);
      g_autofree char *refunded = purchase->refunded > 0
                                  ? kt_cli_format_money (cli, purchase->refunded)
                                  : g_strdup ("-");

      kt_cli_table_add_row (table, id, purchase->at, amount, discount, paid, points, refunded,
                            NULL);
    }
  kt_cli_table_print (table, "  ");
}

static void
print_member_json (const KtMember         *member,
                   const KtMemberStanding *standing,
                   GPtrArray              *cards,
                   GPtrArray              *purchases)
{
  g_autoptr(KtJson) json = kt_json_new ();

  kt_json_begin_object (json);
  kt_cli_json_member_fields (json, member);
  if (standing != NULL)
    {
      kt_json_key (json, "standing");
      kt_cli_json_standing (json, standing);
    }
  if (cards != NULL)
    {
      kt_json_key (json, "cards");
      kt_json_begin_array (json);
      for (guint i = 0; i < cards->len; i++)
        kt_cli_json_card (json, cards->pdata[i]);
      kt_json_end_array (json);
    }
  if (purchases != NULL)
    {
      kt_json_key (json, "last_purchases");
      kt_json_begin_array (json);
      for (guint i = 0; i < purchases->len; i++)
        kt_cli_json_purchase (json, purchases->pdata[i]);
      kt_json_end_array (json);
    }
  kt_json_end_object (json);
  kt_json_flush (json);
}

/* What add and edit print: the member as saved. */
static void
print_saved (KtCli          *cli,
             const KtMember *member,
             gboolean        added)
{
  if (cli->json)
    print_member_json (member, NULL, NULL, NULL);
  else if (added)
    /* TRANSLATORS: "Added member 12: Anna Kovalenko" */
    g_print (_("Added member %" PRId64 ": %s\n"), member->id, member->name);
  else
    /* TRANSLATORS: "Saved member 12: Anna Kovalenko" */
    g_print (_("Saved member %" PRId64 ": %s\n"), member->id, member->name);
}

/* ---- member add ------------------------------------------------------------------ */

static gboolean
member_add (KtCli   *cli,
            int      argc,
            char   **argv,
            GError **error)
{
  g_auto(ProfileArgs) args = { NULL };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(KtMember) member = kt_member_new ();
  GOptionEntry entries[16];
  KtStore *store;

  fill_profile_entries (entries, &args, FALSE);
  context = kt_cli_option_context_new (cli, "member add", NULL,
                                       _("Adds a member to the register. Another member with "
                                         "the same phone number or e-mail is a probable "
                                         "duplicate: the member is then not added unless "
                                         "--force is given."),
                                       entries);
  if (!kt_cli_parse_options (context, &argc, &argv, 0, error))
    return FALSE;
  if (args.name == NULL)
    {
      kt_cli_set_usage_error (error, _("a new member needs a --name"));
      return FALSE;
    }
  if (!apply_profile (&args, member, error))
    return FALSE;

  store = kt_cli_get_store (cli, FALSE, error);
  if (store == NULL ||
      (!args.force && !refuse_duplicates (store, member, error)) ||
      !kt_store_member_add (store, member, error))
    return FALSE;

  print_saved (cli, member, TRUE);
  return TRUE;
}

/* ---- member show ----------------------------------------------------------------- */

/* The member behind a card, as the till would find them: a card that is
 * not active is refused with its state, never taken as valid. */
KtCard *
kt_cli_active_card (KtStore     *store,
                    const char  *number,
                    GError     **error)
{
  g_autoptr(KtCard) card = kt_store_card_lookup (store, number, error);

  if (card == NULL)
    return NULL;

  if (card->state == KT_CARD_BLANK)
    {
      g_set_error (error, KT_ERROR, KT_ERROR_STATE,
                   _("Card %s is blank: it has not been given to a member"), card->number);
      return NULL;
    }
  if (card->state != KT_CARD_ACTIVE)
    {
      g_set_error (error, KT_ERROR, KT_ERROR_STATE,
                   /* TRANSLATORS: "Card 2001… is not accepted, state: Lost (member 12,
                    * Anna Kovalenko); see …" */
                   _("Card %s is not accepted, state: %s (member %" PRId64 ", %s); "
                     "see “kartoteka-cli card show %s”"),
                   card->number, kt_card_state_label (card->state), card->member_id,
                   kt_cli_or_dash (card->member_name), card->number);
      return NULL;
    }

  return g_steal_pointer (&card);
}

static gboolean
member_id_from_card (KtStore     *store,
                     const char  *number,
                     gint64      *out_id,
                     GError     **error)
{
  g_autoptr(KtCard) card = kt_cli_active_card (store, number, error);

  if (card == NULL)
    return FALSE;
  *out_id = card->member_id;
  return TRUE;
}

static gboolean
member_show (KtCli   *cli,
             int      argc,
             char   **argv,
             GError **error)
{
  g_autofree char *card_arg = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(KtMember) member = NULL;
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GPtrArray) purchases = NULL;
  g_autoptr(KtMemberStanding) standing = NULL;
  const GOptionEntry entries[] = {
    { "card", 0, 0, G_OPTION_ARG_FILENAME, &card_arg,
      N_("Find the member by an active card’s number"), N_("NUMBER") },
    { NULL }
  };
  gint64 id = 0;
  KtStore *store;

  context = kt_cli_option_context_new (cli, "member show", _("ID | --card NUMBER"),
                                       _("Shows a member’s profile, cards, figures, standing "
                                         "in the loyalty programme and last purchases."),
                                       entries);
  if (!kt_cli_parse_options (context, &argc, &argv, -1, error))
    return FALSE;
  if ((card_arg == NULL) != (argc == 2) || argc > 2)
    {
      kt_cli_set_usage_error (error, _("give either a member number or --card NUMBER"));
      return FALSE;
    }
  if (card_arg == NULL && !kt_cli_parse_id (argv[1], &id, error))
    return FALSE;

  store = kt_cli_get_store (cli, FALSE, error);
  if (store == NULL ||
      (card_arg != NULL && !member_id_from_card (store, card_arg, &id, error)))
    return FALSE;

  member = kt_store_member_get (store, id, error);
  if (member == NULL)
    return FALSE;
  cards = kt_store_member_cards (store, id, error);
  if (cards == NULL)
    return FALSE;
  purchases = kt_store_member_purchases (store, id, 0, SHOW_PURCHASES, error);
  if (purchases == NULL)
    return FALSE;
  standing = kt_store_member_standing (store, id, NULL, error);
  if (standing == NULL)
    return FALSE;

  if (cli->json)
    {
      print_member_json (member, standing, cards, purchases);
      return TRUE;
    }
  print_profile (cli, member);
  print_standing (cli, standing);
  print_cards (cards);
  print_purchases (cli, purchases);
  return TRUE;
}

/* ---- member find ------------------------------------------------------------------ */

static const struct
{
  const char   *name;
  KtMemberSort  sort;
} sort_names[] = {
  { "name", KT_MEMBER_SORT_NAME },
  { "card", KT_MEMBER_SORT_CARD },
  { "phone", KT_MEMBER_SORT_PHONE },
  { "status", KT_MEMBER_SORT_STATUS },
  { "total", KT_MEMBER_SORT_TOTAL_SPENT },
  { "purchases", KT_MEMBER_SORT_PURCHASES },
  { "last-visit", KT_MEMBER_SORT_LAST_VISIT },
  { "points", KT_MEMBER_SORT_POINTS },
};

static gboolean
parse_sort (const char    *text,
            KtMemberSort  *out_sort,
            GError       **error)
{
  if (text == NULL)
    {
      *out_sort = KT_MEMBER_SORT_NAME;
      return TRUE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (sort_names); i++)
    if (g_str_equal (text, sort_names[i].name))
      {
        *out_sort = sort_names[i].sort;
        return TRUE;
      }
  kt_cli_set_usage_error (error,
                          _("--sort: “%s” is not one of name, card, phone, status, total, "
                            "purchases, last-visit, points"),
                          text);
  return FALSE;
}

typedef struct
{
  KtCli      *cli;
  KtJson     *json;    /* JSON output, or */
  KtCliTable *table;   /* text output */
} FindOutput;

static void
find_output_row (FindOutput     *output,
                 const KtMember *member)
{
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;
  g_autofree char *total = NULL;
  g_autofree char *purchases = NULL;
  g_autofree char *points = NULL;

  if (output->json != NULL)
    {
      kt_json_begin_object (output->json);
      kt_cli_json_member_fields (output->json, member);
      kt_json_end_object (output->json);
      return;
    }

  id = g_strdup_printf ("%" G_GINT64_FORMAT, member->id);
  name = one_line (member->name);
  total = kt_cli_format_money (output->cli, member->total_spent);
  purchases = g_strdup_printf ("%" G_GINT64_FORMAT, member->purchase_count);
  points = g_strdup_printf ("%" G_GINT64_FORMAT, member->points);
  kt_cli_table_add_row (output->table, id, kt_cli_or_dash (name), kt_cli_or_dash (member->card),
                        kt_cli_or_dash (member->phone), kt_member_status_label (member->status),
                        total, purchases, points, kt_cli_or_dash (member->last_visit), NULL);
}

/* Up to `limit` rows, read a page at a time, each page continuing after
 * the last row of the one before; `out_shown` gets how many there were. */
static gboolean
find_rows (KtStore              *store,
           const KtMemberQuery  *query,
           guint                 limit,
           FindOutput           *output,
           guint                *out_shown,
           GError              **error)
{
  g_autoptr(KtMember) last = NULL;
  guint shown = 0;

  while (shown < limit)
    {
      guint want = MIN (limit - shown, FIND_PAGE_ROWS);
      g_autoptr(GPtrArray) page = kt_store_member_page (store, query, last, 0, want, error);

      if (page == NULL)
        return FALSE;
      for (guint i = 0; i < page->len; i++)
        find_output_row (output, page->pdata[i]);
      shown += page->len;
      if (output->json != NULL)
        kt_json_flush (output->json);
      if (page->len < want)
        break;
      g_clear_pointer (&last, kt_member_free);
      last = kt_member_copy (page->pdata[page->len - 1]);
    }

  *out_shown = shown;
  return TRUE;
}

static KtCliTable *
find_table_new (void)
{
  KtCliTable *table = kt_cli_table_new (9);

  kt_cli_table_align_right (table, 0);
  kt_cli_table_align_right (table, 5);
  kt_cli_table_align_right (table, 6);
  kt_cli_table_align_right (table, 7);
  kt_cli_table_add_row (table, _("ID"), _("Name"), _("Card"), _("Phone"), _("Status"),
                        _("Total spent"), _("Purchases"), _("Points"), _("Last visit"), NULL);
  return table;
}

static gboolean
print_find_text (KtCli               *cli,
                 KtStore             *store,
                 const KtMemberQuery *query,
                 guint                limit,
                 GError             **error)
{
  g_autoptr(KtCliTable) table = find_table_new ();
  FindOutput output = { cli, NULL, table };
  guint count = 0;
  guint shown = 0;

  if (!kt_store_member_count (store, query, &count, error) ||
      !find_rows (store, query, limit, &output, &shown, error))
    return FALSE;

  if (shown == 0)
    {
      g_print ("%s\n", _("No member matches."));
      return TRUE;
    }
  kt_cli_table_print (table, NULL);
  if (shown < count)
    /* TRANSLATORS: "Showing 50 of 1234 members; use --limit to see more." */
    g_print (ngettext ("Showing %u of %u member; use --limit to see more.\n",
                       "Showing %u of %u members; use --limit to see more.\n", count),
             shown, count);
  return TRUE;
}

static gboolean
member_find (KtCli   *cli,
             int      argc,
             char   **argv,
             GError **error)
{
  g_autofree char *limit_arg = NULL;
  g_autofree char *sort_arg = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GOptionContext) context = NULL;
  gboolean descending = FALSE;
  const GOptionEntry entries[] = {
    { "limit", 0, 0, G_OPTION_ARG_STRING, &limit_arg,
      N_("Show at most N members (default 50)"), N_("N") },
    { "sort", 0, 0, G_OPTION_ARG_STRING, &sort_arg,
      N_("Order by name, card, phone, status, total, purchases, last-visit or points"),
      N_("KEY") },
    { "desc", 0, 0, G_OPTION_ARG_NONE, &descending, N_("Largest or latest first"), NULL },
    { NULL }
  };
  KtMemberQuery query = { NULL, KT_MEMBER_SORT_NAME, FALSE };
  guint64 limit = 50;
  KtStore *store;

  context = kt_cli_option_context_new (cli, "member find", _("[TEXT]"),
                                       _("Lists the members whose name, phone, e-mail or card "
                                         "number has words starting with TEXT; \"\" or no "
                                         "TEXT lists everyone. Archived members are not "
                                         "listed."),
                                       entries);
  if (!kt_cli_parse_options (context, &argc, &argv, -1, error))
    return FALSE;
  if (argc > 2)
    {
      kt_cli_set_usage_error (error, _("too many arguments; put a search of several words "
                                       "in quotes"));
      return FALSE;
    }
  if ((argc == 2 && (text = kt_cli_text_arg (argv[1], error)) == NULL) ||
      !parse_sort (sort_arg, &query.sort, error) ||
      (limit_arg != NULL &&
       !kt_cli_parse_count (limit_arg, "--limit", 1, G_MAXUINT, &limit, error)))
    return FALSE;
  query.text = text;
  query.descending = descending;

  store = kt_cli_get_store (cli, FALSE, error);
  if (store == NULL)
    return FALSE;

  if (cli->json)
    {
      g_autoptr(KtJson) json = kt_json_new ();
      FindOutput output = { cli, json, NULL };
      guint shown = 0;

      /* Streamed page by page: --limit may be large. */
      kt_json_begin_array (json);
      if (!find_rows (store, &query, (guint) limit, &output, &shown, error))
        return FALSE;
      kt_json_end_array (json);
      kt_json_flush (json);
      return TRUE;
    }
  return print_find_text (cli, store, &query, (guint) limit, error);
}

/* ---- member edit ------------------------------------------------------------------ */

static gboolean
member_edit (KtCli   *cli,
             int      argc,
             char   **argv,
             GError **error)
{
  g_auto(ProfileArgs) args = { NULL };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(KtMember) member = NULL;
  g_autoptr(KtMember) saved = NULL;
  g_autofree char *old_phone = NULL;
  g_autofree char *old_email = NULL;
  GOptionEntry entries[16];
  gint64 id;
  KtStore *store;

  fill_profile_entries (entries, &args, TRUE);
  context = kt_cli_option_context_new (cli, "member edit", _("ID"),
                                       _("Changes the given fields of a member’s profile; the "
                                         "rest stays as it is."),
                                       entries);
  if (!kt_cli_parse_options (context, &argc, &argv, 1, error) ||
      !kt_cli_parse_id (argv[1], &id, error))
    return FALSE;
  if (profile_args_empty (&args))
    {
      kt_cli_set_usage_error (error, _("nothing to change; see “kartoteka-cli member edit --help”"));
      return FALSE;
    }

  store = kt_cli_get_store (cli, FALSE, error);
  if (store == NULL)
    return FALSE;
  member = kt_store_member_get (store, id, error);
  if (member == NULL)
    return FALSE;

  old_phone = g_strdup (member->phone);
  old_email = g_strdup (member->email);
  if (!apply_profile (&args, member, error))
    return FALSE;

  /* Only a new phone number or e-mail can make a new duplicate. */
  if (!args.force &&
      (g_strcmp0 (old_phone, member->phone) != 0 || g_strcmp0 (old_email, member->email) != 0) &&
      !refuse_duplicates (store, member, error))
    return FALSE;

  if (!kt_store_member_update (store, member, error))
    return FALSE;

  /* Read back: the referrer's name and normalised fields come from the store. */
  saved = kt_store_member_get (store, id, error);
  if (saved == NULL)
    return FALSE;
  print_saved (cli, saved, FALSE);
  return TRUE;
}

/* ---- member archive ----------------------------------------------------------------- */

static gboolean
member_archive (KtCli   *cli,
                int      argc,
                char   **argv,
                GError **error)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(KtMember) member = NULL;
  gboolean undo = FALSE;
  const GOptionEntry entries[] = {
    { "undo", 0, 0, G_OPTION_ARG_NONE, &undo, N_("Bring an archived member back"), NULL },
    { NULL }
  };
  gint64 id;
  KtStore *store;

  context = kt_cli_option_context_new (cli, "member archive", _("ID"),
                                       _("Takes a member out of the list and the till; their "
                                         "history stays. --undo brings them back."),
                                       entries);
  if (!kt_cli_parse_options (context, &argc, &argv, 1, error) ||
      !kt_cli_parse_id (argv[1], &id, error))
    return FALSE;

  store = kt_cli_get_store (cli, FALSE, error);
  if (store == NULL || !kt_store_member_set_archived (store, id, !undo, error))
    return FALSE;
  member = kt_store_member_get (store, id, error);
  if (member == NULL)
    return FALSE;

  if (cli->json)
    print_member_json (member, NULL, NULL, NULL);
  else if (undo)
    g_print (_("Member %" PRId64 " (%s) is back in the list\n"),
             member->id, member->name);
  else
    g_print (_("Archived member %" PRId64 " (%s)\n"), member->id, member->name);
  return TRUE;
}

/* ---- member erase --------------------------------------------------------------------- */

static gboolean
member_erase (KtCli   *cli,
              int      argc,
              char   **argv,
              GError **error)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(KtMember) member = NULL;
  gboolean yes = FALSE;
  const GOptionEntry entries[] = {
    { "yes", 0, 0, G_OPTION_ARG_NONE, &yes,
      N_("Confirm: the personal data cannot be brought back"), NULL },
    { NULL }
  };
  gint64 id;
  KtStore *store;

  context = kt_cli_option_context_new (cli, "member erase", _("ID --yes"),
                                       _("Erases a member’s personal data on their request: "
                                         "name, phone, e-mail, birth date and notes are blanked "
                                         "and consent withdrawn. Purchases and figures stay, "
                                         "anonymised. This cannot be undone."),
                                       entries);
  if (!kt_cli_parse_options (context, &argc, &argv, 1, error) ||
      !kt_cli_parse_id (argv[1], &id, error))
    return FALSE;

  store = kt_cli_get_store (cli, FALSE, error);
  if (store == NULL)
    return FALSE;
  member = kt_store_member_get (store, id, error);
  if (member == NULL)
    return FALSE;

  if (!yes)
    {
      g_set_error (error, KT_ERROR, KT_ERROR_STATE,
                   _("Erasing the personal data of member %" PRId64 " (%s) cannot be "
                     "undone; add --yes to confirm"),
                   member->id, member->name);
      return FALSE;
    }
  if (!kt_store_member_erase (store, id, error))
    return FALSE;

  if (cli->json)
    {
      g_autoptr(KtMember) erased = kt_store_member_get (store, id, error);

      if (erased == NULL)
        return FALSE;
      print_member_json (erased, NULL, NULL, NULL);
    }
  else
    g_print (_("Erased the personal data of member %" PRId64 "\n"), id);
  return TRUE;
}

/* ---- dispatch ------------------------------------------------------------------------- */

static const KtCliCommand member_actions[] = {
  { "add", member_add, N_("Add a member") },
  { "show", member_show, N_("Show a member, by number or by card") },
  { "find", member_find, N_("Search and list members") },
  { "edit", member_edit, N_("Change a member’s profile") },
  { "archive", member_archive, N_("Archive a member, or bring one back") },
  { "erase", member_erase, N_("Erase a member’s personal data on request") },
};

gboolean
kt_cli_member (KtCli   *cli,
               int      argc,
               char   **argv,
               GError **error)
{
  return kt_cli_dispatch (cli, "member", member_actions, G_N_ELEMENTS (member_actions),
                          argc, argv, error);
}
