/* kt-card-row.c
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One of a member's cards in the detail pane: its number, its state as a
 * pill, when it changed, and for the active card a menu to replace or block
 * it (the window's win.replace-card and win.block-card actions).
 */

#define G_LOG_DOMAIN "kt-card-row"

#include "config.h"

#include <glib/gi18n.h>

#include "kt-card-row.h"
#include "kt-format.h"

struct _KtCardRow
{
  AdwActionRow    parent_instance;

  GtkLabel       *state_label;
  GtkMenuButton  *menu_button;

  char           *number;
};

G_DEFINE_FINAL_TYPE (KtCardRow, kt_card_row, ADW_TYPE_ACTION_ROW)

static char *
describe_card (const KtCard *card,
               const char   *replacement_number)
{
  g_autofree char *issued = kt_format_date (card->issued);
  g_autofree char *changed = kt_format_date (card->changed);

  switch (card->state)
    {
    case KT_CARD_ACTIVE:
      return g_strdup_printf (_("Issued %s"), issued);

    case KT_CARD_BLOCKED:
      return g_strdup_printf (_("Blocked %s"), changed);

    case KT_CARD_LOST:
      if (replacement_number != NULL)
        return g_strdup_printf (_("Lost %s, replaced by %s"), changed, replacement_number);
      return g_strdup_printf (_("Lost %s"), changed);

    case KT_CARD_REPLACED:
      if (replacement_number != NULL)
        return g_strdup_printf (_("Replaced %s by %s"), changed, replacement_number);
      return g_strdup_printf (_("Replaced %s"), changed);

    case KT_CARD_BLANK:
    default:
      return g_strdup (_("Not handed out"));
    }
}

static GMenuModel *
create_card_menu (const char *number)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenuItem) replace = g_menu_item_new (_("_Replace Card…"), NULL);
  g_autoptr(GMenuItem) block = g_menu_item_new (_("_Block Card…"), NULL);

  g_menu_item_set_action_and_target_value (replace, "win.replace-card",
                                           g_variant_new_string (number));
  g_menu_item_set_action_and_target_value (block, "win.block-card",
                                           g_variant_new_string (number));
  g_menu_append_item (menu, replace);
  g_menu_append_item (menu, block);

  return G_MENU_MODEL (g_steal_pointer (&menu));
}

static void
kt_card_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), KT_TYPE_CARD_ROW);

  G_OBJECT_CLASS (kt_card_row_parent_class)->dispose (object);
}

static void
kt_card_row_finalize (GObject *object)
{
  KtCardRow *self = KT_CARD_ROW (object);

  g_clear_pointer (&self->number, g_free);

  G_OBJECT_CLASS (kt_card_row_parent_class)->finalize (object);
}

static void
kt_card_row_class_init (KtCardRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kt_card_row_dispose;
  object_class->finalize = kt_card_row_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/kartoteka/Kartoteka/ui/kt-card-row.ui");
  gtk_widget_class_bind_template_child (widget_class, KtCardRow, state_label);
  gtk_widget_class_bind_template_child (widget_class, KtCardRow, menu_button);
}

static void
kt_card_row_init (KtCardRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Code 128 numbers from older systems may hold "&" or "<". */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);
}

/**
 * kt_card_row_new:
 * @card: the card
 * @replacement_number: (nullable): number of the card that took over from
 *   a lost or replaced card
 *
 * Returns: (transfer floating): the row
 */
GtkWidget *
kt_card_row_new (const KtCard *card,
                 const char   *replacement_number)
{
  KtCardRow *self;
  g_autofree char *subtitle = NULL;

  g_return_val_if_fail (card != NULL, NULL);

  self = g_object_new (KT_TYPE_CARD_ROW, NULL);
  self->number = g_strdup (card->number);

  subtitle = describe_card (card, replacement_number);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), card->number);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);

  gtk_label_set_text (self->state_label, kt_card_state_label (card->state));
  gtk_widget_add_css_class (GTK_WIDGET (self->state_label),
                            kt_card_state_to_string (card->state));

  /* Only the active card can still change: a blocked, lost or replaced
   * card is history. */
  if (card->state == KT_CARD_ACTIVE)
    {
      g_autoptr(GMenuModel) menu = create_card_menu (card->number);

      gtk_menu_button_set_menu_model (self->menu_button, menu);
      gtk_widget_set_visible (GTK_WIDGET (self->menu_button), TRUE);
    }
  else
    gtk_widget_add_css_class (GTK_WIDGET (self), "dim-label");

  return GTK_WIDGET (self);
}

const char *
kt_card_row_get_number (KtCardRow *self)
{
  g_return_val_if_fail (KT_IS_CARD_ROW (self), NULL);

  return self->number;
}
