/* Internal to the theme files (theme.c, theme_dirs.c, theme_color.c). */
#ifndef SITREP_THEME_INTERNAL_H
#define SITREP_THEME_INTERNAL_H

/* "black" .. "white", "bright-black" .. "bright-white": palette 0..15. */
extern const char *const theme_basic_names[16];

#define THEME_NATTRS 4
struct theme_attr_name {
    const char *name;
    unsigned bit; /* enum style_attr */
};
/* bold, reverse, dim, underline: in the order descriptions list them. */
extern const struct theme_attr_name theme_attr_names[THEME_NATTRS];

#endif
