/* kt-file-chooser.h
 *
 * Copyright 2026 The Kartoteka authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Called with the file the user chose; not called when they cancel. */
typedef void (*KtFileChosenFunc) (gpointer  owner,
                                  GFile    *file,
                                  gpointer  user_data);

void  kt_file_chooser_show  (GtkFileChooserNative  *chooser,
                             GtkFileFilter         *filter,
                             GtkNativeDialog      **slot,
                             gpointer               owner,
                             KtFileChosenFunc       chosen,
                             gpointer               user_data,
                             GDestroyNotify         destroy);

G_END_DECLS
