# gen-regions.awk: turns the region tables in data/regions/*.tsv into the C
# arrays that src/core/region_data.h declares. Run by make:
#
#   LC_ALL=C awk -f tools/gen-regions.awk data/regions/areas.tsv \
#       data/regions/countries.tsv data/regions/clouds.tsv \
#       data/regions/aliases.tsv data/regions/country_names.tsv \
#       data/regions/iata.tsv data/regions/cities.tsv > region_tables.c
#
# POSIX awk only (mawk, gawk, busybox). Each file: "#" comment lines, then a
# header row naming the columns, then one row per entry, fields separated by
# one tab. A wrong header, a wrong field count, an unknown area kind or a
# keyed row out of order (region.c binary-searches by key, in byte order
# after ASCII case folding) stops the build with FILE:LINE: what is wrong.
# LC_ALL=C makes tolower() and string comparison work on bytes.

BEGIN {
    FS = "\t"
    nfiles = 0
    failed = 0
    # table name, C array, C count, header row, columns, keyed
    want["areas"] = "code name kind parent members"
    want["countries"] = "alpha2 alpha3 name parent"
    want["clouds"] = "code name country provider"
    want["aliases"] = "name target"
    want["country_names"] = "name country"
    want["iata"] = "code country place"
    want["cities"] = "name country"
    kinds["world"] = "REGION_KIND_WORLD"
    kinds["macro"] = "REGION_KIND_MACRO"
    kinds["continent"] = "REGION_KIND_CONTINENT"
    kinds["union"] = "REGION_KIND_UNION"
}

function fail(msg) {
    printf "%s:%d: %s\n", FILENAME, FNR, msg > "/dev/stderr"
    failed = 1
    exit 1
}

# A C string literal for s: backslashes, quotes and "?" (no trigraphs)
# escaped; UTF-8 bytes are copied as they are. Character by character, as
# awks disagree on backslashes in gsub's replacement.
function cstr(s,    out, i, c) {
    out = ""
    for (i = 1; i <= length(s); i++) {
        c = substr(s, i, 1)
        if (c == "\\" || c == "\"" || c == "?")
            out = out "\\" c
        else
            out = out c
    }
    return "\"" out "\""
}

function table_of(path,    n, parts, base) {
    n = split(path, parts, "/")
    base = parts[n]
    sub(/\.tsv$/, "", base)
    return base
}

# Rows of the keyed tables must rise strictly (this also refuses duplicates).
function check_order(key,    folded) {
    folded = tolower(key)
    if (have_prev && folded <= prev)
        fail("'" key "' is out of order or a duplicate (the rows are sorted by their first " \
             "column, bytes after ASCII case folding)")
    prev = folded
    have_prev = 1
}

FNR == 1 {
    table = table_of(FILENAME)
    if (!(table in want))
        fail("unknown region table (want areas, countries, clouds, aliases, country_names, " \
             "iata or cities)")
    if (table in seen)
        fail("given twice")
    seen[table] = 1
    order[++nfiles] = table
    header_done = 0
    have_prev = 0
    count[table] = 0
}

/^#/ || /^$/ { next }

!header_done {
    line = $0
    gsub(/\t/, " ", line)
    if (line != want[table])
        fail("the header row must be: " want[table])
    header_done = 1
    ncols = split(want[table], unused, " ")
    next
}

{
    if (NF != ncols)
        fail(sprintf("%d fields, want %d (%s), separated by tabs", NF, ncols, want[table]))
    for (i = 1; i <= NF; i++)
        if ($i == "")
            fail("field " i " is empty")
    n = ++count[table]
    if (table == "areas") {
        if (!($3 in kinds))
            fail("unknown kind '" $3 "' (want world, macro, continent or union)")
        members = "{"
        if ($5 != "-") {
            m = split($5, mem, ",")
            if (m > 3)
                fail("at most 3 members")
            for (i = 1; i <= m; i++)
                members = members cstr(mem[i]) ", "
        }
        members = members "NULL}"
        row[table, n] = sprintf("{%s, %s, %s, %s, %s}", cstr($1), cstr($2), kinds[$3],
                                $4 == "-" ? "NULL" : cstr($4), members)
    } else if (table == "countries") {
        check_order($1)
        row[table, n] = sprintf("{%s, %s, %s, %s}", cstr($1), cstr($2), cstr($3), cstr($4))
    } else if (table == "clouds") {
        check_order($1)
        row[table, n] = sprintf("{%s, %s, %s}", cstr($1), cstr($2), cstr($3))
    } else {
        check_order($1)
        row[table, n] = sprintf("{%s, %s}", cstr($1), cstr($2))
    }
}

function emit(table, type, array, counter,    i) {
    printf "\nconst struct %s %s[] = {\n", type, array
    for (i = 1; i <= count[table]; i++)
        printf "    %s,\n", row[table, i]
    printf "};\nconst size_t %s = COUNT_OF(%s);\n", counter, array
}

END {
    if (failed)
        exit 1
    for (t in want) {
        if (!(t in seen)) {
            printf "gen-regions.awk: data/regions/%s.tsv was not given\n", t > "/dev/stderr"
            exit 1
        }
    }
    print "/* Generated from the TSV files in data/regions/ by tools/gen-regions.awk:"
    print " * edit those, not this file. The tables region_data.h declares. */"
    print "#include \"config.h\""
    print ""
    print "/* Found through -I include/, as test_region.c finds it. */"
    print "#include \"../src/core/region_data.h\""
    print ""
    print "#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))"
    emit("areas", "rd_area", "rd_areas", "rd_area_count")
    emit("countries", "rd_country", "rd_countries", "rd_country_count")
    emit("clouds", "rd_cloud", "rd_clouds", "rd_cloud_count")
    emit("aliases", "rd_key", "rd_aliases", "rd_alias_count")
    emit("country_names", "rd_key", "rd_country_names", "rd_country_name_count")
    emit("iata", "rd_key", "rd_iata", "rd_iata_count")
    emit("cities", "rd_key", "rd_cities", "rd_city_count")
}
