/* kt-card-designer-private.h
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * KtCardDesigner spans kt-card-designer.c (the window, the design's sides,
 * images and saving) and kt-card-designer-fields.c (the list of fields
 * and the selected field's place and style).
 */

#pragma once

#include "kt-card-designer.h"
#include "kt-card-preview.h"

G_BEGIN_DECLS

struct _KtCardDesigner
{
  AdwWindow            parent_instance;

  /* template widgets */
  AdwWindowTitle      *window_title;
  GtkWidget           *error_box;
  GtkLabel            *error_label;
  KtCardPreview       *front_preview;
  KtCardPreview       *back_preview;
  GtkWidget           *back_box;
  AdwEntryRow         *name_row;
  AdwComboRow         *symbology_row;
  GtkSwitch           *back_switch;
  GtkColorButton      *front_color_button;
  GtkColorButton      *back_color_button;
  AdwPreferencesGroup *back_group;
  AdwActionRow        *front_image_row;
  AdwActionRow        *back_image_row;
  AdwActionRow        *logo_row;
  GtkWidget           *front_image_remove;
  GtkWidget           *back_image_remove;
  GtkWidget           *logo_remove;
  GtkListBox          *fields_list;
  AdwPreferencesGroup *field_group;
  AdwComboRow         *side_row;
  GtkSpinButton       *x_spin;
  GtkSpinButton       *y_spin;
  GtkSpinButton       *width_spin;
  GtkSpinButton       *height_spin;
  AdwActionRow        *font_row;
  GtkFontButton       *font_button;
  AdwActionRow        *color_row;
  GtkColorButton      *field_color_button;
  AdwComboRow         *align_row;
  AdwEntryRow         *text_row;

  KtStore             *store;          /* not owned: the main window's */
  KtCardDesign        *design;         /* the copy being edited */
  int                  selected;       /* index of the selected field, or -1 */
  GtkNativeDialog     *chooser;
  gboolean             filling;        /* widgets are being set from the design */
  gboolean             dirty;
};

/* kt-card-designer.c */
void  _kt_card_designer_changed        (KtCardDesigner *self);
void  _kt_card_designer_color_to_rgba  (guint32         color,
                                        GdkRGBA        *rgba);
guint32 _kt_card_designer_rgba_to_color (const GdkRGBA *rgba);

/* kt-card-designer-fields.c */
void  _kt_card_designer_fields_init    (KtCardDesigner *self);
void  _kt_card_designer_fill_fields    (KtCardDesigner *self);
void  _kt_card_designer_select_field   (KtCardDesigner *self,
                                        int             index);
void  _kt_card_designer_fields_class_init (GtkWidgetClass *widget_class);

G_END_DECLS
