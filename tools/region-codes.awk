# region-codes.awk: the region codes a grid column can take, for the shell
# completions of --columns: every area of data/regions/areas.tsv, then every
# country by its node code (alpha-2, or alpha-3 where an area already uses
# the two letters: NAM, AFG, MNE, ASM). One line, blank-separated.
#
#   LC_ALL=C awk -f tools/region-codes.awk data/regions/areas.tsv data/regions/countries.tsv

BEGIN { FS = "\t" }
FNR == 1 { file++; header = 0 }
/^#/ || /^$/ { next }
!header { header = 1; next }
file == 1 { area[$1] = 1; out = out sep $1; sep = " "; next }
file == 2 { out = out sep (($1 in area) ? $2 : $1); sep = " " }
END { print out }
