/* The built-in region tables (see region_data.h). Pure data: region.c walks
 * them. Facts are ISO 3166-1 (codes, names), IATA (airport and metropolitan
 * codes) and the cloud providers' published region lists. The file is UTF-8:
 * names are stored as their UTF-8 bytes. Keyed tables are kept sorted by key
 * (bytes after ASCII case folding) because region.c binary-searches them;
 * test_region fails on a row out of place, a duplicate, or a dangling target.
 *
 * Where a country goes is a choice for a dashboard, not a statement:
 * - EU is Europe, the continent, not the European Union: it holds GB, CH,
 *   NO, the Balkans, UA, BY, RU (all of it, Siberia too: one country is one
 *   node), TR and the Caucasus (GE, AM, AZ, which sit in European bodies and
 *   are what status pages group with Europe), and CY.
 * - ME holds the Gulf, the Levant, IL, IQ, IR, YE and EG: news and status
 *   pages speak of Egypt with the Middle East (MENA). Either way EG stays
 *   inside MEA, so the macro columns do not depend on it.
 * - AS holds South, East, South-East and Central Asia and AF(ghanistan).
 * - LATAM holds Mexico, Central America, every Caribbean territory (PR and
 *   VI too, US or not) and South America with FK.
 * - NA holds US, CA, GL, BM and PM only.
 * - OC holds Australia, New Zealand, the Pacific islands (US ones too) and
 *   Australia's Indian Ocean islands (CX, CC).
 * - Uninhabited southern territories (AQ, BV, GS, HM, TF) sit under ALL.
 * - IO follows the UN geoscheme (Eastern Africa). */
#include "config.h"

#include "region_data.h"

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

const struct rd_area rd_areas[] = {
    {"ALL", "World", REGION_KIND_WORLD, NULL, {NULL}},
    {"NA", "North America", REGION_KIND_MACRO, "ALL", {NULL}},
    {"LATAM", "Latin America", REGION_KIND_MACRO, "ALL", {NULL}},
    {"EU", "Europe", REGION_KIND_MACRO, "ALL", {NULL}},
    {"MEA", "Middle East and Africa", REGION_KIND_MACRO, "ALL", {NULL}},
    {"APAC", "Asia-Pacific", REGION_KIND_MACRO, "ALL", {NULL}},
    {"AF", "Africa", REGION_KIND_CONTINENT, "MEA", {NULL}},
    {"ME", "Middle East", REGION_KIND_CONTINENT, "MEA", {NULL}},
    {"AS", "Asia", REGION_KIND_CONTINENT, "APAC", {NULL}},
    {"OC", "Oceania", REGION_KIND_CONTINENT, "APAC", {NULL}},
    {"EMEA", "Europe, Middle East and Africa", REGION_KIND_UNION, "ALL", {"EU", "MEA", NULL}},
    {"AMER", "Americas", REGION_KIND_UNION, "ALL", {"NA", "LATAM", NULL}},
};
const size_t rd_area_count = COUNT_OF(rd_areas);

const struct rd_country rd_countries[] = {
    {"AD", "AND", "Andorra", "EU"},
    {"AE", "ARE", "United Arab Emirates", "ME"},
    {"AF", "AFG", "Afghanistan", "AS"},
    {"AG", "ATG", "Antigua and Barbuda", "LATAM"},
    {"AI", "AIA", "Anguilla", "LATAM"},
    {"AL", "ALB", "Albania", "EU"},
    {"AM", "ARM", "Armenia", "EU"},
    {"AO", "AGO", "Angola", "AF"},
    {"AQ", "ATA", "Antarctica", "ALL"},
    {"AR", "ARG", "Argentina", "LATAM"},
    {"AS", "ASM", "American Samoa", "OC"},
    {"AT", "AUT", "Austria", "EU"},
    {"AU", "AUS", "Australia", "OC"},
    {"AW", "ABW", "Aruba", "LATAM"},
    {"AX", "ALA", "Åland Islands", "EU"},
    {"AZ", "AZE", "Azerbaijan", "EU"},
    {"BA", "BIH", "Bosnia and Herzegovina", "EU"},
    {"BB", "BRB", "Barbados", "LATAM"},
    {"BD", "BGD", "Bangladesh", "AS"},
    {"BE", "BEL", "Belgium", "EU"},
    {"BF", "BFA", "Burkina Faso", "AF"},
    {"BG", "BGR", "Bulgaria", "EU"},
    {"BH", "BHR", "Bahrain", "ME"},
    {"BI", "BDI", "Burundi", "AF"},
    {"BJ", "BEN", "Benin", "AF"},
    {"BL", "BLM", "Saint Barthélemy", "LATAM"},
    {"BM", "BMU", "Bermuda", "NA"},
    {"BN", "BRN", "Brunei", "AS"},
    {"BO", "BOL", "Bolivia", "LATAM"},
    {"BQ", "BES", "Caribbean Netherlands", "LATAM"},
    {"BR", "BRA", "Brazil", "LATAM"},
    {"BS", "BHS", "Bahamas", "LATAM"},
    {"BT", "BTN", "Bhutan", "AS"},
    {"BV", "BVT", "Bouvet Island", "ALL"},
    {"BW", "BWA", "Botswana", "AF"},
    {"BY", "BLR", "Belarus", "EU"},
    {"BZ", "BLZ", "Belize", "LATAM"},
    {"CA", "CAN", "Canada", "NA"},
    {"CC", "CCK", "Cocos (Keeling) Islands", "OC"},
    {"CD", "COD", "DR Congo", "AF"},
    {"CF", "CAF", "Central African Republic", "AF"},
    {"CG", "COG", "Congo", "AF"},
    {"CH", "CHE", "Switzerland", "EU"},
    {"CI", "CIV", "Côte d'Ivoire", "AF"},
    {"CK", "COK", "Cook Islands", "OC"},
    {"CL", "CHL", "Chile", "LATAM"},
    {"CM", "CMR", "Cameroon", "AF"},
    {"CN", "CHN", "China", "AS"},
    {"CO", "COL", "Colombia", "LATAM"},
    {"CR", "CRI", "Costa Rica", "LATAM"},
    {"CU", "CUB", "Cuba", "LATAM"},
    {"CV", "CPV", "Cabo Verde", "AF"},
    {"CW", "CUW", "Curaçao", "LATAM"},
    {"CX", "CXR", "Christmas Island", "OC"},
    {"CY", "CYP", "Cyprus", "EU"},
    {"CZ", "CZE", "Czechia", "EU"},
    {"DE", "DEU", "Germany", "EU"},
    {"DJ", "DJI", "Djibouti", "AF"},
    {"DK", "DNK", "Denmark", "EU"},
    {"DM", "DMA", "Dominica", "LATAM"},
    {"DO", "DOM", "Dominican Republic", "LATAM"},
    {"DZ", "DZA", "Algeria", "AF"},
    {"EC", "ECU", "Ecuador", "LATAM"},
    {"EE", "EST", "Estonia", "EU"},
    {"EG", "EGY", "Egypt", "ME"},
    {"EH", "ESH", "Western Sahara", "AF"},
    {"ER", "ERI", "Eritrea", "AF"},
    {"ES", "ESP", "Spain", "EU"},
    {"ET", "ETH", "Ethiopia", "AF"},
    {"FI", "FIN", "Finland", "EU"},
    {"FJ", "FJI", "Fiji", "OC"},
    {"FK", "FLK", "Falkland Islands", "LATAM"},
    {"FM", "FSM", "Micronesia", "OC"},
    {"FO", "FRO", "Faroe Islands", "EU"},
    {"FR", "FRA", "France", "EU"},
    {"GA", "GAB", "Gabon", "AF"},
    {"GB", "GBR", "United Kingdom", "EU"},
    {"GD", "GRD", "Grenada", "LATAM"},
    {"GE", "GEO", "Georgia", "EU"},
    {"GF", "GUF", "French Guiana", "LATAM"},
    {"GG", "GGY", "Guernsey", "EU"},
    {"GH", "GHA", "Ghana", "AF"},
    {"GI", "GIB", "Gibraltar", "EU"},
    {"GL", "GRL", "Greenland", "NA"},
    {"GM", "GMB", "Gambia", "AF"},
    {"GN", "GIN", "Guinea", "AF"},
    {"GP", "GLP", "Guadeloupe", "LATAM"},
    {"GQ", "GNQ", "Equatorial Guinea", "AF"},
    {"GR", "GRC", "Greece", "EU"},
    {"GS", "SGS", "South Georgia and the South Sandwich Islands", "ALL"},
    {"GT", "GTM", "Guatemala", "LATAM"},
    {"GU", "GUM", "Guam", "OC"},
    {"GW", "GNB", "Guinea-Bissau", "AF"},
    {"GY", "GUY", "Guyana", "LATAM"},
    {"HK", "HKG", "Hong Kong", "AS"},
    {"HM", "HMD", "Heard Island and McDonald Islands", "ALL"},
    {"HN", "HND", "Honduras", "LATAM"},
    {"HR", "HRV", "Croatia", "EU"},
    {"HT", "HTI", "Haiti", "LATAM"},
    {"HU", "HUN", "Hungary", "EU"},
    {"ID", "IDN", "Indonesia", "AS"},
    {"IE", "IRL", "Ireland", "EU"},
    {"IL", "ISR", "Israel", "ME"},
    {"IM", "IMN", "Isle of Man", "EU"},
    {"IN", "IND", "India", "AS"},
    {"IO", "IOT", "British Indian Ocean Territory", "AF"},
    {"IQ", "IRQ", "Iraq", "ME"},
    {"IR", "IRN", "Iran", "ME"},
    {"IS", "ISL", "Iceland", "EU"},
    {"IT", "ITA", "Italy", "EU"},
    {"JE", "JEY", "Jersey", "EU"},
    {"JM", "JAM", "Jamaica", "LATAM"},
    {"JO", "JOR", "Jordan", "ME"},
    {"JP", "JPN", "Japan", "AS"},
    {"KE", "KEN", "Kenya", "AF"},
    {"KG", "KGZ", "Kyrgyzstan", "AS"},
    {"KH", "KHM", "Cambodia", "AS"},
    {"KI", "KIR", "Kiribati", "OC"},
    {"KM", "COM", "Comoros", "AF"},
    {"KN", "KNA", "Saint Kitts and Nevis", "LATAM"},
    {"KP", "PRK", "North Korea", "AS"},
    {"KR", "KOR", "South Korea", "AS"},
    {"KW", "KWT", "Kuwait", "ME"},
    {"KY", "CYM", "Cayman Islands", "LATAM"},
    {"KZ", "KAZ", "Kazakhstan", "AS"},
    {"LA", "LAO", "Laos", "AS"},
    {"LB", "LBN", "Lebanon", "ME"},
    {"LC", "LCA", "Saint Lucia", "LATAM"},
    {"LI", "LIE", "Liechtenstein", "EU"},
    {"LK", "LKA", "Sri Lanka", "AS"},
    {"LR", "LBR", "Liberia", "AF"},
    {"LS", "LSO", "Lesotho", "AF"},
    {"LT", "LTU", "Lithuania", "EU"},
    {"LU", "LUX", "Luxembourg", "EU"},
    {"LV", "LVA", "Latvia", "EU"},
    {"LY", "LBY", "Libya", "AF"},
    {"MA", "MAR", "Morocco", "AF"},
    {"MC", "MCO", "Monaco", "EU"},
    {"MD", "MDA", "Moldova", "EU"},
    {"ME", "MNE", "Montenegro", "EU"},
    {"MF", "MAF", "Saint Martin", "LATAM"},
    {"MG", "MDG", "Madagascar", "AF"},
    {"MH", "MHL", "Marshall Islands", "OC"},
    {"MK", "MKD", "North Macedonia", "EU"},
    {"ML", "MLI", "Mali", "AF"},
    {"MM", "MMR", "Myanmar", "AS"},
    {"MN", "MNG", "Mongolia", "AS"},
    {"MO", "MAC", "Macao", "AS"},
    {"MP", "MNP", "Northern Mariana Islands", "OC"},
    {"MQ", "MTQ", "Martinique", "LATAM"},
    {"MR", "MRT", "Mauritania", "AF"},
    {"MS", "MSR", "Montserrat", "LATAM"},
    {"MT", "MLT", "Malta", "EU"},
    {"MU", "MUS", "Mauritius", "AF"},
    {"MV", "MDV", "Maldives", "AS"},
    {"MW", "MWI", "Malawi", "AF"},
    {"MX", "MEX", "Mexico", "LATAM"},
    {"MY", "MYS", "Malaysia", "AS"},
    {"MZ", "MOZ", "Mozambique", "AF"},
    {"NA", "NAM", "Namibia", "AF"},
    {"NC", "NCL", "New Caledonia", "OC"},
    {"NE", "NER", "Niger", "AF"},
    {"NF", "NFK", "Norfolk Island", "OC"},
    {"NG", "NGA", "Nigeria", "AF"},
    {"NI", "NIC", "Nicaragua", "LATAM"},
    {"NL", "NLD", "Netherlands", "EU"},
    {"NO", "NOR", "Norway", "EU"},
    {"NP", "NPL", "Nepal", "AS"},
    {"NR", "NRU", "Nauru", "OC"},
    {"NU", "NIU", "Niue", "OC"},
    {"NZ", "NZL", "New Zealand", "OC"},
    {"OM", "OMN", "Oman", "ME"},
    {"PA", "PAN", "Panama", "LATAM"},
    {"PE", "PER", "Peru", "LATAM"},
    {"PF", "PYF", "French Polynesia", "OC"},
    {"PG", "PNG", "Papua New Guinea", "OC"},
    {"PH", "PHL", "Philippines", "AS"},
    {"PK", "PAK", "Pakistan", "AS"},
    {"PL", "POL", "Poland", "EU"},
    {"PM", "SPM", "Saint Pierre and Miquelon", "NA"},
    {"PN", "PCN", "Pitcairn Islands", "OC"},
    {"PR", "PRI", "Puerto Rico", "LATAM"},
    {"PS", "PSE", "Palestine", "ME"},
    {"PT", "PRT", "Portugal", "EU"},
    {"PW", "PLW", "Palau", "OC"},
    {"PY", "PRY", "Paraguay", "LATAM"},
    {"QA", "QAT", "Qatar", "ME"},
    {"RE", "REU", "Réunion", "AF"},
    {"RO", "ROU", "Romania", "EU"},
    {"RS", "SRB", "Serbia", "EU"},
    {"RU", "RUS", "Russia", "EU"},
    {"RW", "RWA", "Rwanda", "AF"},
    {"SA", "SAU", "Saudi Arabia", "ME"},
    {"SB", "SLB", "Solomon Islands", "OC"},
    {"SC", "SYC", "Seychelles", "AF"},
    {"SD", "SDN", "Sudan", "AF"},
    {"SE", "SWE", "Sweden", "EU"},
    {"SG", "SGP", "Singapore", "AS"},
    {"SH", "SHN", "Saint Helena, Ascension and Tristan da Cunha", "AF"},
    {"SI", "SVN", "Slovenia", "EU"},
    {"SJ", "SJM", "Svalbard and Jan Mayen", "EU"},
    {"SK", "SVK", "Slovakia", "EU"},
    {"SL", "SLE", "Sierra Leone", "AF"},
    {"SM", "SMR", "San Marino", "EU"},
    {"SN", "SEN", "Senegal", "AF"},
    {"SO", "SOM", "Somalia", "AF"},
    {"SR", "SUR", "Suriname", "LATAM"},
    {"SS", "SSD", "South Sudan", "AF"},
    {"ST", "STP", "São Tomé and Príncipe", "AF"},
    {"SV", "SLV", "El Salvador", "LATAM"},
    {"SX", "SXM", "Sint Maarten", "LATAM"},
    {"SY", "SYR", "Syria", "ME"},
    {"SZ", "SWZ", "Eswatini", "AF"},
    {"TC", "TCA", "Turks and Caicos Islands", "LATAM"},
    {"TD", "TCD", "Chad", "AF"},
    {"TF", "ATF", "French Southern Territories", "ALL"},
    {"TG", "TGO", "Togo", "AF"},
    {"TH", "THA", "Thailand", "AS"},
    {"TJ", "TJK", "Tajikistan", "AS"},
    {"TK", "TKL", "Tokelau", "OC"},
    {"TL", "TLS", "Timor-Leste", "AS"},
    {"TM", "TKM", "Turkmenistan", "AS"},
    {"TN", "TUN", "Tunisia", "AF"},
    {"TO", "TON", "Tonga", "OC"},
    {"TR", "TUR", "Türkiye", "EU"},
    {"TT", "TTO", "Trinidad and Tobago", "LATAM"},
    {"TV", "TUV", "Tuvalu", "OC"},
    {"TW", "TWN", "Taiwan", "AS"},
    {"TZ", "TZA", "Tanzania", "AF"},
    {"UA", "UKR", "Ukraine", "EU"},
    {"UG", "UGA", "Uganda", "AF"},
    {"UM", "UMI", "United States Minor Outlying Islands", "OC"},
    {"US", "USA", "United States", "NA"},
    {"UY", "URY", "Uruguay", "LATAM"},
    {"UZ", "UZB", "Uzbekistan", "AS"},
    {"VA", "VAT", "Holy See", "EU"},
    {"VC", "VCT", "Saint Vincent and the Grenadines", "LATAM"},
    {"VE", "VEN", "Venezuela", "LATAM"},
    {"VG", "VGB", "British Virgin Islands", "LATAM"},
    {"VI", "VIR", "U.S. Virgin Islands", "LATAM"},
    {"VN", "VNM", "Vietnam", "AS"},
    {"VU", "VUT", "Vanuatu", "OC"},
    {"WF", "WLF", "Wallis and Futuna", "OC"},
    {"WS", "WSM", "Samoa", "OC"},
    {"YE", "YEM", "Yemen", "ME"},
    {"YT", "MYT", "Mayotte", "AF"},
    {"ZA", "ZAF", "South Africa", "AF"},
    {"ZM", "ZMB", "Zambia", "AF"},
    {"ZW", "ZWE", "Zimbabwe", "AF"},
};
const size_t rd_country_count = COUNT_OF(rd_countries);

/* AWS, Google Cloud, Azure and Oracle Cloud regions (codes as their APIs and status pages
 * write them), each under the country that hosts it. */
const struct rd_cloud rd_clouds[] = {
    {"af-johannesburg-1", "Johannesburg", "ZA"},            /* Oracle Cloud */
    {"af-south-1", "Africa (Cape Town)", "ZA"},             /* AWS */
    {"africa-south1", "Johannesburg", "ZA"},                /* Google Cloud */
    {"ap-batam-1", "Batam", "ID"},                          /* Oracle Cloud */
    {"ap-chuncheon-1", "Chuncheon", "KR"},                  /* Oracle Cloud */
    {"ap-east-1", "Asia Pacific (Hong Kong)", "HK"},        /* AWS */
    {"ap-east-2", "Asia Pacific (Taipei)", "TW"},           /* AWS */
    {"ap-hyderabad-1", "Hyderabad", "IN"},                  /* Oracle Cloud */
    {"ap-melbourne-1", "Melbourne", "AU"},                  /* Oracle Cloud */
    {"ap-mumbai-1", "Mumbai", "IN"},                        /* Oracle Cloud */
    {"ap-northeast-1", "Asia Pacific (Tokyo)", "JP"},       /* AWS */
    {"ap-northeast-2", "Asia Pacific (Seoul)", "KR"},       /* AWS */
    {"ap-northeast-3", "Asia Pacific (Osaka)", "JP"},       /* AWS */
    {"ap-osaka-1", "Osaka", "JP"},                          /* Oracle Cloud */
    {"ap-seoul-1", "Seoul", "KR"},                          /* Oracle Cloud */
    {"ap-singapore-1", "Singapore", "SG"},                  /* Oracle Cloud */
    {"ap-singapore-2", "Singapore", "SG"},                  /* Oracle Cloud */
    {"ap-south-1", "Asia Pacific (Mumbai)", "IN"},          /* AWS */
    {"ap-south-2", "Asia Pacific (Hyderabad)", "IN"},       /* AWS */
    {"ap-southeast-1", "Asia Pacific (Singapore)", "SG"},   /* AWS */
    {"ap-southeast-2", "Asia Pacific (Sydney)", "AU"},      /* AWS */
    {"ap-southeast-3", "Asia Pacific (Jakarta)", "ID"},     /* AWS */
    {"ap-southeast-4", "Asia Pacific (Melbourne)", "AU"},   /* AWS */
    {"ap-southeast-5", "Asia Pacific (Malaysia)", "MY"},    /* AWS */
    {"ap-southeast-6", "Asia Pacific (New Zealand)", "NZ"}, /* AWS */
    {"ap-southeast-7", "Asia Pacific (Thailand)", "TH"},    /* AWS */
    {"ap-sydney-1", "Sydney", "AU"},                        /* Oracle Cloud */
    {"ap-tokyo-1", "Tokyo", "JP"},                          /* Oracle Cloud */
    {"asia-east1", "Changhua County, Taiwan", "TW"},        /* Google Cloud */
    {"asia-east2", "Hong Kong", "HK"},                      /* Google Cloud */
    {"asia-northeast1", "Tokyo", "JP"},                     /* Google Cloud */
    {"asia-northeast2", "Osaka", "JP"},                     /* Google Cloud */
    {"asia-northeast3", "Seoul", "KR"},                     /* Google Cloud */
    {"asia-south1", "Mumbai", "IN"},                        /* Google Cloud */
    {"asia-south2", "Delhi", "IN"},                         /* Google Cloud */
    {"asia-southeast1", "Jurong West, Singapore", "SG"},    /* Google Cloud */
    {"asia-southeast2", "Jakarta", "ID"},                   /* Google Cloud */
    {"australia-southeast1", "Sydney", "AU"},               /* Google Cloud */
    {"australia-southeast2", "Melbourne", "AU"},            /* Google Cloud */
    {"australiacentral", "Australia Central", "AU"},        /* Azure */
    {"australiacentral2", "Australia Central 2", "AU"},     /* Azure */
    {"australiaeast", "Australia East", "AU"},              /* Azure */
    {"australiasoutheast", "Australia Southeast", "AU"},    /* Azure */
    {"brazilsouth", "Brazil South", "BR"},                  /* Azure */
    {"brazilsoutheast", "Brazil Southeast", "BR"},          /* Azure */
    {"ca-central-1", "Canada (Central)", "CA"},             /* AWS */
    {"ca-montreal-1", "Montreal", "CA"},                    /* Oracle Cloud */
    {"ca-toronto-1", "Toronto", "CA"},                      /* Oracle Cloud */
    {"ca-west-1", "Canada West (Calgary)", "CA"},           /* AWS */
    {"canadacentral", "Canada Central", "CA"},              /* Azure */
    {"canadaeast", "Canada East", "CA"},                    /* Azure */
    {"centralindia", "Central India", "IN"},                /* Azure */
    {"centralus", "Central US", "US"},                      /* Azure */
    {"chilecentral", "Chile Central", "CL"},                /* Azure */
    {"chinaeast", "China East", "CN"},                      /* Azure */
    {"chinaeast2", "China East 2", "CN"},                   /* Azure */
    {"chinaeast3", "China East 3", "CN"},                   /* Azure */
    {"chinanorth", "China North", "CN"},                    /* Azure */
    {"chinanorth2", "China North 2", "CN"},                 /* Azure */
    {"chinanorth3", "China North 3", "CN"},                 /* Azure */
    {"cn-north-1", "China (Beijing)", "CN"},                /* AWS */
    {"cn-northwest-1", "China (Ningxia)", "CN"},            /* AWS */
    {"eastasia", "East Asia", "HK"},                        /* Azure */
    {"eastus", "East US", "US"},                            /* Azure */
    {"eastus2", "East US 2", "US"},                         /* Azure */
    {"eu-amsterdam-1", "Amsterdam", "NL"},                  /* Oracle Cloud */
    {"eu-central-1", "Europe (Frankfurt)", "DE"},           /* AWS */
    {"eu-central-2", "Europe (Zurich)", "CH"},              /* AWS */
    {"eu-frankfurt-1", "Frankfurt", "DE"},                  /* Oracle Cloud */
    {"eu-jovanovac-1", "Jovanovac", "RS"},                  /* Oracle Cloud */
    {"eu-madrid-1", "Madrid", "ES"},                        /* Oracle Cloud */
    {"eu-marseille-1", "Marseille", "FR"},                  /* Oracle Cloud */
    {"eu-milan-1", "Milan", "IT"},                          /* Oracle Cloud */
    {"eu-north-1", "Europe (Stockholm)", "SE"},             /* AWS */
    {"eu-paris-1", "Paris", "FR"},                          /* Oracle Cloud */
    {"eu-south-1", "Europe (Milan)", "IT"},                 /* AWS */
    {"eu-south-2", "Europe (Spain)", "ES"},                 /* AWS */
    {"eu-stockholm-1", "Stockholm", "SE"},                  /* Oracle Cloud */
    {"eu-west-1", "Europe (Ireland)", "IE"},                /* AWS */
    {"eu-west-2", "Europe (London)", "GB"},                 /* AWS */
    {"eu-west-3", "Europe (Paris)", "FR"},                  /* AWS */
    {"eu-zurich-1", "Zurich", "CH"},                        /* Oracle Cloud */
    {"europe-central2", "Warsaw", "PL"},                    /* Google Cloud */
    {"europe-north1", "Hamina, Finland", "FI"},             /* Google Cloud */
    {"europe-north2", "Stockholm", "SE"},                   /* Google Cloud */
    {"europe-southwest1", "Madrid", "ES"},                  /* Google Cloud */
    {"europe-west1", "St. Ghislain, Belgium", "BE"},        /* Google Cloud */
    {"europe-west10", "Berlin", "DE"},                      /* Google Cloud */
    {"europe-west12", "Turin", "IT"},                       /* Google Cloud */
    {"europe-west2", "London", "GB"},                       /* Google Cloud */
    {"europe-west3", "Frankfurt", "DE"},                    /* Google Cloud */
    {"europe-west4", "Eemshaven, Netherlands", "NL"},       /* Google Cloud */
    {"europe-west6", "Zurich", "CH"},                       /* Google Cloud */
    {"europe-west8", "Milan", "IT"},                        /* Google Cloud */
    {"europe-west9", "Paris", "FR"},                        /* Google Cloud */
    {"francecentral", "France Central", "FR"},              /* Azure */
    {"francesouth", "France South", "FR"},                  /* Azure */
    {"germanynorth", "Germany North", "DE"},                /* Azure */
    {"germanywestcentral", "Germany West Central", "DE"},   /* Azure */
    {"il-central-1", "Israel (Tel Aviv)", "IL"},            /* AWS */
    {"il-jerusalem-1", "Jerusalem", "IL"},                  /* Oracle Cloud */
    {"indonesiacentral", "Indonesia Central", "ID"},        /* Azure */
    {"israelcentral", "Israel Central", "IL"},              /* Azure */
    {"italynorth", "Italy North", "IT"},                    /* Azure */
    {"japaneast", "Japan East", "JP"},                      /* Azure */
    {"japanwest", "Japan West", "JP"},                      /* Azure */
    {"jioindiacentral", "Jio India Central", "IN"},         /* Azure */
    {"jioindiawest", "Jio India West", "IN"},               /* Azure */
    {"koreacentral", "Korea Central", "KR"},                /* Azure */
    {"koreasouth", "Korea South", "KR"},                    /* Azure */
    {"malaysiawest", "Malaysia West", "MY"},                /* Azure */
    {"me-abudhabi-1", "Abu Dhabi", "AE"},                   /* Oracle Cloud */
    {"me-central-1", "Middle East (UAE)", "AE"},            /* AWS */
    {"me-central1", "Doha", "QA"},                          /* Google Cloud */
    {"me-central2", "Dammam, Saudi Arabia", "SA"},          /* Google Cloud */
    {"me-dubai-1", "Dubai", "AE"},                          /* Oracle Cloud */
    {"me-jeddah-1", "Jeddah", "SA"},                        /* Oracle Cloud */
    {"me-riyadh-1", "Riyadh", "SA"},                        /* Oracle Cloud */
    {"me-south-1", "Middle East (Bahrain)", "BH"},          /* AWS */
    {"me-west1", "Tel Aviv", "IL"},                         /* Google Cloud */
    {"mexicocentral", "Mexico Central", "MX"},              /* Azure */
    {"mx-central-1", "Mexico (Central)", "MX"},             /* AWS */
    {"mx-monterrey-1", "Monterrey", "MX"},                  /* Oracle Cloud */
    {"mx-queretaro-1", "Queretaro", "MX"},                  /* Oracle Cloud */
    {"newzealandnorth", "New Zealand North", "NZ"},         /* Azure */
    {"northamerica-northeast1", "Montréal", "CA"},          /* Google Cloud */
    {"northamerica-northeast2", "Toronto", "CA"},           /* Google Cloud */
    {"northamerica-south1", "Querétaro, Mexico", "MX"},     /* Google Cloud */
    {"northcentralus", "North Central US", "US"},           /* Azure */
    {"northeurope", "North Europe", "IE"},                  /* Azure */
    {"norwayeast", "Norway East", "NO"},                    /* Azure */
    {"norwaywest", "Norway West", "NO"},                    /* Azure */
    {"polandcentral", "Poland Central", "PL"},              /* Azure */
    {"qatarcentral", "Qatar Central", "QA"},                /* Azure */
    {"sa-bogota-1", "Bogota", "CO"},                        /* Oracle Cloud */
    {"sa-east-1", "South America (São Paulo)", "BR"},       /* AWS */
    {"sa-santiago-1", "Santiago", "CL"},                    /* Oracle Cloud */
    {"sa-saopaulo-1", "Sao Paulo", "BR"},                   /* Oracle Cloud */
    {"sa-valparaiso-1", "Valparaiso", "CL"},                /* Oracle Cloud */
    {"sa-vinhedo-1", "Vinhedo", "BR"},                      /* Oracle Cloud */
    {"southafricanorth", "South Africa North", "ZA"},       /* Azure */
    {"southafricawest", "South Africa West", "ZA"},         /* Azure */
    {"southamerica-east1", "Osasco, São Paulo", "BR"},      /* Google Cloud */
    {"southamerica-west1", "Santiago", "CL"},               /* Google Cloud */
    {"southcentralus", "South Central US", "US"},           /* Azure */
    {"southeastasia", "Southeast Asia", "SG"},              /* Azure */
    {"southindia", "South India", "IN"},                    /* Azure */
    {"spaincentral", "Spain Central", "ES"},                /* Azure */
    {"swedencentral", "Sweden Central", "SE"},              /* Azure */
    {"swedensouth", "Sweden South", "SE"},                  /* Azure */
    {"switzerlandnorth", "Switzerland North", "CH"},        /* Azure */
    {"switzerlandwest", "Switzerland West", "CH"},          /* Azure */
    {"uaecentral", "UAE Central", "AE"},                    /* Azure */
    {"uaenorth", "UAE North", "AE"},                        /* Azure */
    {"uk-cardiff-1", "Newport", "GB"},                      /* Oracle Cloud */
    {"uk-london-1", "London", "GB"},                        /* Oracle Cloud */
    {"uksouth", "UK South", "GB"},                          /* Azure */
    {"ukwest", "UK West", "GB"},                            /* Azure */
    {"us-ashburn-1", "Ashburn", "US"},                      /* Oracle Cloud */
    {"us-central1", "Council Bluffs, Iowa", "US"},          /* Google Cloud */
    {"us-chicago-1", "Chicago", "US"},                      /* Oracle Cloud */
    {"us-east-1", "US East (N. Virginia)", "US"},           /* AWS */
    {"us-east-2", "US East (Ohio)", "US"},                  /* AWS */
    {"us-east1", "Moncks Corner, South Carolina", "US"},    /* Google Cloud */
    {"us-east4", "Ashburn, Virginia", "US"},                /* Google Cloud */
    {"us-east5", "Columbus, Ohio", "US"},                   /* Google Cloud */
    {"us-gov-east-1", "AWS GovCloud (US-East)", "US"},      /* AWS */
    {"us-gov-west-1", "AWS GovCloud (US-West)", "US"},      /* AWS */
    {"us-phoenix-1", "Phoenix", "US"},                      /* Oracle Cloud */
    {"us-sanjose-1", "San Jose", "US"},                     /* Oracle Cloud */
    {"us-south1", "Dallas", "US"},                          /* Google Cloud */
    {"us-west-1", "US West (N. California)", "US"},         /* AWS */
    {"us-west-2", "US West (Oregon)", "US"},                /* AWS */
    {"us-west1", "The Dalles, Oregon", "US"},               /* Google Cloud */
    {"us-west2", "Los Angeles", "US"},                      /* Google Cloud */
    {"us-west3", "Salt Lake City", "US"},                   /* Google Cloud */
    {"us-west4", "Las Vegas", "US"},                        /* Google Cloud */
    {"usgovarizona", "US Gov Arizona", "US"},               /* Azure */
    {"usgovtexas", "US Gov Texas", "US"},                   /* Azure */
    {"usgovvirginia", "US Gov Virginia", "US"},             /* Azure */
    {"westcentralus", "West Central US", "US"},             /* Azure */
    {"westeurope", "West Europe", "NL"},                    /* Azure */
    {"westindia", "West India", "IN"},                      /* Azure */
    {"westus", "West US", "US"},                            /* Azure */
    {"westus2", "West US 2", "US"},                         /* Azure */
    {"westus3", "West US 3", "US"},                         /* Azure */
};
const size_t rd_cloud_count = COUNT_OF(rd_clouds);

/* Names for areas and for parts of one country that status pages use as
 * regions. "European Union" is deliberately absent: EU here is the
 * continent, and the Union is a different, smaller set. A name is mapped
 * to the smallest node that holds all of it (MENA -> MEA, "EU West" -> EU).
 * Spellings with "&" are listed next to the ones with "and". */
const struct rd_key rd_aliases[] = {
    {"Africa", "AF"},
    {"All locations", "ALL"},
    {"All regions", "ALL"},
    {"Americas", "AMER"},
    {"ANZ", "OC"},
    {"AP", "APAC"},
    {"APeJ", "APAC"},
    {"APJ", "APAC"},
    {"APJ & C", "APAC"},
    {"APJ and C", "APAC"},
    {"APJ&C", "APAC"},
    {"APJC", "APAC"},
    {"ASEAN", "AS"},
    {"Asia", "AS"},
    {"Asia Pacific", "APAC"},
    {"Asia Pacific & Japan", "APAC"},
    {"Asia Pacific and Japan", "APAC"},
    {"Asia Pacific Japan", "APAC"},
    {"Asia Pacific, Japan & China", "APAC"},
    {"Asia Pacific, Japan and China", "APAC"},
    {"Asia-Pacific", "APAC"},
    {"Asia-Pacific & Japan", "APAC"},
    {"Asia-Pacific and Japan", "APAC"},
    {"Asia/Pacific", "APAC"},
    {"Australasia", "OC"},
    {"Australia & New Zealand", "OC"},
    {"Australia and New Zealand", "OC"},
    {"Australia Central", "AU"},
    {"Australia East", "AU"},
    {"Australia Southeast", "AU"},
    {"Balkans", "EU"},
    {"Benelux", "EU"},
    {"Brazil South", "BR"},
    {"CA-Central", "CA"},
    {"CA-East", "CA"},
    {"CA-West", "CA"},
    {"Canada Central", "CA"},
    {"Canada East", "CA"},
    {"Canada West", "CA"},
    {"Caribbean", "LATAM"},
    {"Central & South America", "LATAM"},
    {"Central Africa", "AF"},
    {"Central America", "LATAM"},
    {"Central and South America", "LATAM"},
    {"Central Asia", "AS"},
    {"Central Europe", "EU"},
    {"Central India", "IN"},
    {"Central US", "US"},
    {"Continental US", "US"},
    {"DACH", "EU"},
    {"East Africa", "AF"},
    {"East Asia", "AS"},
    {"East US", "US"},
    {"Eastern Europe", "EU"},
    {"EU Central", "EU"},
    {"EU East", "EU"},
    {"EU North", "EU"},
    {"EU South", "EU"},
    {"EU West", "EU"},
    {"EU-Central", "EU"},
    {"EU-East", "EU"},
    {"EU-North", "EU"},
    {"EU-South", "EU"},
    {"EU-West", "EU"},
    {"Europe", "EU"},
    {"Europe Central", "EU"},
    {"Europe East", "EU"},
    {"Europe North", "EU"},
    {"Europe South", "EU"},
    {"Europe West", "EU"},
    {"Europe, Middle East & Africa", "EMEA"},
    {"Europe, Middle East and Africa", "EMEA"},
    {"Europe, the Middle East & Africa", "EMEA"},
    {"Europe, the Middle East and Africa", "EMEA"},
    {"European", "EU"},
    {"Everywhere", "ALL"},
    {"GCC", "ME"},
    {"Global", "ALL"},
    {"Globally", "ALL"},
    {"Greater China", "AS"},
    {"India Central", "IN"},
    {"India South", "IN"},
    {"India West", "IN"},
    {"Japan East", "JP"},
    {"Japan West", "JP"},
    {"Kosovo", "EU"},
    {"LAC", "LATAM"},
    {"Latin America", "LATAM"},
    {"Latin America & Caribbean", "LATAM"},
    {"Latin America & the Caribbean", "LATAM"},
    {"Latin America and Caribbean", "LATAM"},
    {"Latin America and the Caribbean", "LATAM"},
    {"MENA", "MEA"},
    {"Middle East", "ME"},
    {"Middle East & Africa", "MEA"},
    {"Middle East and Africa", "MEA"},
    {"Middle East/Africa", "MEA"},
    {"Middle-East", "ME"},
    {"Mideast", "ME"},
    {"N. America", "NA"},
    {"NORAM", "NA"},
    {"Nordics", "EU"},
    {"North & South America", "AMER"},
    {"North Africa", "AF"},
    {"North America", "NA"},
    {"North and South America", "AMER"},
    {"North Central US", "US"},
    {"North Europe", "EU"},
    {"Northern Africa", "AF"},
    {"Northern Europe", "EU"},
    {"Oceania", "OC"},
    {"Pacific Islands", "OC"},
    {"Scandinavia", "EU"},
    {"South & Central America", "LATAM"},
    {"South America", "LATAM"},
    {"South and Central America", "LATAM"},
    {"South Asia", "AS"},
    {"South Central US", "US"},
    {"South East Asia", "AS"},
    {"South India", "IN"},
    {"South-East Asia", "AS"},
    {"Southeast Asia", "AS"},
    {"Southern Africa", "AF"},
    {"Southern Europe", "EU"},
    {"Sub-Saharan Africa", "AF"},
    {"The Americas", "AMER"},
    {"The Caribbean", "LATAM"},
    {"UK South", "GB"},
    {"UK West", "GB"},
    {"US & Canada", "NA"},
    {"US and Canada", "NA"},
    {"US Central", "US"},
    {"US East", "US"},
    {"US East Coast", "US"},
    {"US North", "US"},
    {"US Northeast", "US"},
    {"US Northwest", "US"},
    {"US South", "US"},
    {"US Southeast", "US"},
    {"US Southwest", "US"},
    {"US West", "US"},
    {"US West Coast", "US"},
    {"US-Central", "US"},
    {"US-East", "US"},
    {"US-North", "US"},
    {"US-Northeast", "US"},
    {"US-Northwest", "US"},
    {"US-South", "US"},
    {"US-Southeast", "US"},
    {"US-Southwest", "US"},
    {"US-West", "US"},
    {"West Africa", "AF"},
    {"West Central US", "US"},
    {"West Europe", "EU"},
    {"West India", "IN"},
    {"West US", "US"},
    {"Western Europe", "EU"},
    {"World", "ALL"},
    {"Worldwide", "ALL"},
};
const size_t rd_alias_count = COUNT_OF(rd_aliases);

/* Country names: every display name above, the ISO 3166-1 forms and the
 * names people and status pages actually write. */
const struct rd_key rd_country_names[] = {
    {"Afghanistan", "AF"},
    {"Aland Islands", "AX"},
    {"Albania", "AL"},
    {"Algeria", "DZ"},
    {"American Samoa", "AS"},
    {"Andorra", "AD"},
    {"Angola", "AO"},
    {"Anguilla", "AI"},
    {"Antarctica", "AQ"},
    {"Antigua", "AG"},
    {"Antigua & Barbuda", "AG"},
    {"Antigua and Barbuda", "AG"},
    {"Aotearoa", "NZ"},
    {"Aotearoa New Zealand", "NZ"},
    {"Arab Republic of Egypt", "EG"},
    {"Argentina", "AR"},
    {"Armenia", "AM"},
    {"Aruba", "AW"},
    {"Ascension Island", "SH"},
    {"Australia", "AU"},
    {"Austria", "AT"},
    {"Azerbaijan", "AZ"},
    {"Bahamas", "BS"},
    {"Bahamas, The", "BS"},
    {"Bahrain", "BH"},
    {"Bangladesh", "BD"},
    {"Barbados", "BB"},
    {"Belarus", "BY"},
    {"Belgium", "BE"},
    {"Belize", "BZ"},
    {"Benin", "BJ"},
    {"Bermuda", "BM"},
    {"Bharat", "IN"},
    {"Bhutan", "BT"},
    {"Bolivarian Republic of Venezuela", "VE"},
    {"Bolivia", "BO"},
    {"Bolivia (Plurinational State of)", "BO"},
    {"Bonaire", "BQ"},
    {"Bonaire, Sint Eustatius and Saba", "BQ"},
    {"Bosnia", "BA"},
    {"Bosnia & Herzegovina", "BA"},
    {"Bosnia and Herzegovina", "BA"},
    {"Bosnia-Herzegovina", "BA"},
    {"Botswana", "BW"},
    {"Bouvet Island", "BV"},
    {"Brasil", "BR"},
    {"Brazil", "BR"},
    {"Britain", "GB"},
    {"British Indian Ocean Territory", "IO"},
    {"British Virgin Islands", "VG"},
    {"Brunei", "BN"},
    {"Brunei Darussalam", "BN"},
    {"Bulgaria", "BG"},
    {"Burkina Faso", "BF"},
    {"Burma", "MM"},
    {"Burundi", "BI"},
    {"BVI", "VG"},
    {"Cabo Verde", "CV"},
    {"Cambodia", "KH"},
    {"Cameroon", "CM"},
    {"Canada", "CA"},
    {"Cape Verde", "CV"},
    {"Caribbean Netherlands", "BQ"},
    {"Cayman Islands", "KY"},
    {"Central African Republic", "CF"},
    {"Chad", "TD"},
    {"Chagos Islands", "IO"},
    {"Chile", "CL"},
    {"China", "CN"},
    {"China Mainland", "CN"},
    {"Chinese Taipei", "TW"},
    {"Christmas Island", "CX"},
    {"Cocos (Keeling) Islands", "CC"},
    {"Cocos Islands", "CC"},
    {"Colombia", "CO"},
    {"Comoros", "KM"},
    {"Congo", "CG"},
    {"Congo (Democratic Republic of the)", "CD"},
    {"Congo Brazzaville", "CG"},
    {"Congo Kinshasa", "CD"},
    {"Congo, Democratic Republic of the", "CD"},
    {"Congo, Republic of the", "CG"},
    {"Congo-Brazzaville", "CG"},
    {"Congo-Kinshasa", "CD"},
    {"Cook Islands", "CK"},
    {"Costa Rica", "CR"},
    {"Cote d'Ivoire", "CI"},
    {"Cote d’Ivoire", "CI"},
    {"Croatia", "HR"},
    {"Cuba", "CU"},
    {"Curacao", "CW"},
    {"Curaçao", "CW"},
    {"Cyprus", "CY"},
    {"Czech", "CZ"},
    {"Czech Republic", "CZ"},
    {"Czechia", "CZ"},
    {"Côte d'Ivoire", "CI"},
    {"Côte d’Ivoire", "CI"},
    {"D.R. Congo", "CD"},
    {"Danmark", "DK"},
    {"Democratic People's Republic of Korea", "KP"},
    {"Democratic Republic of Congo", "CD"},
    {"Democratic Republic of the Congo", "CD"},
    {"Denmark", "DK"},
    {"Deutschland", "DE"},
    {"Djibouti", "DJ"},
    {"Dominica", "DM"},
    {"Dominican Rep.", "DO"},
    {"Dominican Republic", "DO"},
    {"DPRK", "KP"},
    {"DR Congo", "CD"},
    {"DRC", "CD"},
    {"East Timor", "TL"},
    {"Ecuador", "EC"},
    {"Egypt", "EG"},
    {"Egypt, Arab Rep.", "EG"},
    {"Eire", "IE"},
    {"El Salvador", "SV"},
    {"Emirates", "AE"},
    {"England", "GB"},
    {"Equatorial Guinea", "GQ"},
    {"Eritrea", "ER"},
    {"Espana", "ES"},
    {"España", "ES"},
    {"Estonia", "EE"},
    {"Eswatini", "SZ"},
    {"Ethiopia", "ET"},
    {"Faeroe Islands", "FO"},
    {"Falkland Islands", "FK"},
    {"Falkland Islands (Malvinas)", "FK"},
    {"Falklands", "FK"},
    {"Faroe Islands", "FO"},
    {"Faroes", "FO"},
    {"Federal Republic of Germany", "DE"},
    {"Federated States of Micronesia", "FM"},
    {"Fiji", "FJ"},
    {"Finland", "FI"},
    {"Former Yugoslav Republic of Macedonia", "MK"},
    {"France", "FR"},
    {"French Guiana", "GF"},
    {"French Polynesia", "PF"},
    {"French Republic", "FR"},
    {"French Southern and Antarctic Lands", "TF"},
    {"French Southern Territories", "TF"},
    {"FYROM", "MK"},
    {"Gabon", "GA"},
    {"Gambia", "GM"},
    {"Gambia, The", "GM"},
    {"Georgia", "GE"},
    {"Germany", "DE"},
    {"Ghana", "GH"},
    {"Gibraltar", "GI"},
    {"Grand Duchy of Luxembourg", "LU"},
    {"Great Britain", "GB"},
    {"Greece", "GR"},
    {"Greenland", "GL"},
    {"Grenada", "GD"},
    {"Guadeloupe", "GP"},
    {"Guam", "GU"},
    {"Guatemala", "GT"},
    {"Guernsey", "GG"},
    {"Guinea", "GN"},
    {"Guinea Bissau", "GW"},
    {"Guinea-Bissau", "GW"},
    {"Guyana", "GY"},
    {"Haiti", "HT"},
    {"Heard and McDonald Islands", "HM"},
    {"Heard Island & McDonald Islands", "HM"},
    {"Heard Island and McDonald Islands", "HM"},
    {"Hellas", "GR"},
    {"Hellenic Republic", "GR"},
    {"HKSAR", "HK"},
    {"Holland", "NL"},
    {"Holy See", "VA"},
    {"Holy See (Vatican City State)", "VA"},
    {"Honduras", "HN"},
    {"Hong Kong", "HK"},
    {"Hong Kong (China)", "HK"},
    {"Hong Kong SAR", "HK"},
    {"Hong Kong SAR China", "HK"},
    {"Hong Kong SAR, China", "HK"},
    {"Hong Kong, China", "HK"},
    {"Hrvatska", "HR"},
    {"Hungary", "HU"},
    {"Iceland", "IS"},
    {"Independent State of Samoa", "WS"},
    {"India", "IN"},
    {"Indonesia", "ID"},
    {"Iran", "IR"},
    {"Iran (Islamic Republic of)", "IR"},
    {"Iran, Islamic Rep.", "IR"},
    {"Iran, Islamic Republic of", "IR"},
    {"Iraq", "IQ"},
    {"Ireland", "IE"},
    {"Islamic Republic of Iran", "IR"},
    {"Isle of Man", "IM"},
    {"Israel", "IL"},
    {"Italia", "IT"},
    {"Italy", "IT"},
    {"Ivory Coast", "CI"},
    {"Jamaica", "JM"},
    {"Japan", "JP"},
    {"Jersey", "JE"},
    {"Jordan", "JO"},
    {"Kazakhstan", "KZ"},
    {"Keeling Islands", "CC"},
    {"Kenya", "KE"},
    {"Kingdom of Saudi Arabia", "SA"},
    {"Kingdom of Spain", "ES"},
    {"Kingdom of Thailand", "TH"},
    {"Kingdom of the Netherlands", "NL"},
    {"Kiribati", "KI"},
    {"Korea", "KR"},
    {"Korea (Democratic People's Republic of)", "KP"},
    {"Korea (Republic of)", "KR"},
    {"Korea DPR", "KP"},
    {"Korea, Dem. People's Rep.", "KP"},
    {"Korea, Democratic People's Republic of", "KP"},
    {"Korea, Rep.", "KR"},
    {"Korea, Republic of", "KR"},
    {"Korea, South", "KR"},
    {"KSA", "SA"},
    {"Kuwait", "KW"},
    {"Kyrgyz Republic", "KG"},
    {"Kyrgyzstan", "KG"},
    {"La Reunion", "RE"},
    {"La Réunion", "RE"},
    {"Lao", "LA"},
    {"Lao PDR", "LA"},
    {"Lao People's Democratic Republic", "LA"},
    {"Laos", "LA"},
    {"Latvia", "LV"},
    {"Lebanon", "LB"},
    {"Lesotho", "LS"},
    {"Liberia", "LR"},
    {"Libya", "LY"},
    {"Libyan Arab Jamahiriya", "LY"},
    {"Liechtenstein", "LI"},
    {"Lithuania", "LT"},
    {"Luxembourg", "LU"},
    {"Macao", "MO"},
    {"Macao SAR", "MO"},
    {"Macao SAR China", "MO"},
    {"Macao SAR, China", "MO"},
    {"Macao, China", "MO"},
    {"Macau", "MO"},
    {"Macau SAR", "MO"},
    {"Macau, China", "MO"},
    {"Macedonia", "MK"},
    {"Madagascar", "MG"},
    {"Magyarország", "HU"},
    {"Mainland China", "CN"},
    {"Malawi", "MW"},
    {"Malaysia", "MY"},
    {"Maldives", "MV"},
    {"Mali", "ML"},
    {"Malta", "MT"},
    {"Malvinas", "FK"},
    {"Marshall Islands", "MH"},
    {"Martinique", "MQ"},
    {"Mauritania", "MR"},
    {"Mauritius", "MU"},
    {"Mayotte", "YT"},
    {"Mexico", "MX"},
    {"Micronesia", "FM"},
    {"Micronesia (Federated States of)", "FM"},
    {"Micronesia, Fed. Sts.", "FM"},
    {"Micronesia, Federated States of", "FM"},
    {"Moldova", "MD"},
    {"Moldova, Republic of", "MD"},
    {"Monaco", "MC"},
    {"Mongolia", "MN"},
    {"Montenegro", "ME"},
    {"Montserrat", "MS"},
    {"Morocco", "MA"},
    {"Mozambique", "MZ"},
    {"Myanmar", "MM"},
    {"México", "MX"},
    {"Namibia", "NA"},
    {"Nauru", "NR"},
    {"Nederland", "NL"},
    {"Nepal", "NP"},
    {"Netherlands", "NL"},
    {"Netherlands (Kingdom of the)", "NL"},
    {"New Caledonia", "NC"},
    {"New Zealand", "NZ"},
    {"Nicaragua", "NI"},
    {"Niger", "NE"},
    {"Nigeria", "NG"},
    {"Nihon", "JP"},
    {"Nippon", "JP"},
    {"Niue", "NU"},
    {"Norfolk Island", "NF"},
    {"Norge", "NO"},
    {"North Korea", "KP"},
    {"North Macedonia", "MK"},
    {"North Macedonia, Republic of", "MK"},
    {"Northern Ireland", "GB"},
    {"Northern Mariana Islands", "MP"},
    {"Norway", "NO"},
    {"Oman", "OM"},
    {"Pakistan", "PK"},
    {"Palau", "PW"},
    {"Palestine", "PS"},
    {"Palestine, State of", "PS"},
    {"Palestinian Territories", "PS"},
    {"Palestinian Territory", "PS"},
    {"Palestinian Territory, Occupied", "PS"},
    {"Panama", "PA"},
    {"Papua New Guinea", "PG"},
    {"Paraguay", "PY"},
    {"People's Republic of China", "CN"},
    {"Peru", "PE"},
    {"Philippines", "PH"},
    {"Pitcairn", "PN"},
    {"Pitcairn Islands", "PN"},
    {"Plurinational State of Bolivia", "BO"},
    {"Poland", "PL"},
    {"Polska", "PL"},
    {"Portugal", "PT"},
    {"PRC", "CN"},
    {"Principality of Monaco", "MC"},
    {"Puerto Rico", "PR"},
    {"Qatar", "QA"},
    {"Republic of Austria", "AT"},
    {"Republic of Belarus", "BY"},
    {"Republic of China", "TW"},
    {"Republic of Congo", "CG"},
    {"Republic of Ireland", "IE"},
    {"Republic of Korea", "KR"},
    {"Republic of Moldova", "MD"},
    {"Republic of North Macedonia", "MK"},
    {"Republic of Singapore", "SG"},
    {"Republic of South Africa", "ZA"},
    {"Republic of the Congo", "CG"},
    {"Republic of Türkiye", "TR"},
    {"Reunion", "RE"},
    {"ROK", "KR"},
    {"Romania", "RO"},
    {"RSA", "ZA"},
    {"Russia", "RU"},
    {"Russian Federation", "RU"},
    {"Rwanda", "RW"},
    {"Réunion", "RE"},
    {"S. Korea", "KR"},
    {"Saint Barthelemy", "BL"},
    {"Saint Barthélemy", "BL"},
    {"Saint Helena", "SH"},
    {"Saint Helena, Ascension and Tristan da Cunha", "SH"},
    {"Saint Kitts", "KN"},
    {"Saint Kitts & Nevis", "KN"},
    {"Saint Kitts and Nevis", "KN"},
    {"Saint Lucia", "LC"},
    {"Saint Martin", "MF"},
    {"Saint Martin (French part)", "MF"},
    {"Saint Pierre & Miquelon", "PM"},
    {"Saint Pierre and Miquelon", "PM"},
    {"Saint Vincent", "VC"},
    {"Saint Vincent & the Grenadines", "VC"},
    {"Saint Vincent and the Grenadines", "VC"},
    {"Samoa", "WS"},
    {"San Marino", "SM"},
    {"Sao Tome", "ST"},
    {"Sao Tome and Principe", "ST"},
    {"Saudi Arabia", "SA"},
    {"Schweiz", "CH"},
    {"Scotland", "GB"},
    {"Senegal", "SN"},
    {"Serbia", "RS"},
    {"Seychelles", "SC"},
    {"Sierra Leone", "SL"},
    {"Singapore", "SG"},
    {"Sint Maarten", "SX"},
    {"Sint Maarten (Dutch part)", "SX"},
    {"Slovak Republic", "SK"},
    {"Slovakia", "SK"},
    {"Slovenia", "SI"},
    {"Solomon Islands", "SB"},
    {"Somalia", "SO"},
    {"South Africa", "ZA"},
    {"South Georgia", "GS"},
    {"South Georgia and South Sandwich Islands", "GS"},
    {"South Georgia and the South Sandwich Islands", "GS"},
    {"South Korea", "KR"},
    {"South Sudan", "SS"},
    {"Spain", "ES"},
    {"Sri Lanka", "LK"},
    {"St Barts", "BL"},
    {"St Helena", "SH"},
    {"St Kitts & Nevis", "KN"},
    {"St Kitts and Nevis", "KN"},
    {"St Lucia", "LC"},
    {"St Martin", "MF"},
    {"St Vincent & the Grenadines", "VC"},
    {"St Vincent and the Grenadines", "VC"},
    {"St. Barthélemy", "BL"},
    {"St. Barts", "BL"},
    {"St. Helena", "SH"},
    {"St. Kitts and Nevis", "KN"},
    {"St. Lucia", "LC"},
    {"St. Martin", "MF"},
    {"St. Pierre and Miquelon", "PM"},
    {"St. Vincent & the Grenadines", "VC"},
    {"St. Vincent and the Grenadines", "VC"},
    {"State of Israel", "IL"},
    {"State of Palestine", "PS"},
    {"Sudan", "SD"},
    {"Suisse", "CH"},
    {"Suomi", "FI"},
    {"Suriname", "SR"},
    {"Svalbard", "SJ"},
    {"Svalbard & Jan Mayen", "SJ"},
    {"Svalbard and Jan Mayen", "SJ"},
    {"Sverige", "SE"},
    {"Svizzera", "CH"},
    {"Swaziland", "SZ"},
    {"Sweden", "SE"},
    {"Swiss Confederation", "CH"},
    {"Switzerland", "CH"},
    {"Syria", "SY"},
    {"Syrian Arab Republic", "SY"},
    {"São Tomé", "ST"},
    {"São Tomé & Príncipe", "ST"},
    {"São Tomé and Príncipe", "ST"},
    {"Taiwan", "TW"},
    {"Taiwan (Province of China)", "TW"},
    {"Taiwan, Province of China", "TW"},
    {"Tajikistan", "TJ"},
    {"Tanzania", "TZ"},
    {"Tanzania, United Republic of", "TZ"},
    {"Thailand", "TH"},
    {"The Bahamas", "BS"},
    {"The Gambia", "GM"},
    {"The Netherlands", "NL"},
    {"Timor Leste", "TL"},
    {"Timor-Leste", "TL"},
    {"Togo", "TG"},
    {"Tokelau", "TK"},
    {"Tonga", "TO"},
    {"Trinidad", "TT"},
    {"Trinidad & Tobago", "TT"},
    {"Trinidad and Tobago", "TT"},
    {"Tristan da Cunha", "SH"},
    {"Tunisia", "TN"},
    {"Turkey", "TR"},
    {"Turkiye", "TR"},
    {"Turkmenistan", "TM"},
    {"Turks & Caicos Islands", "TC"},
    {"Turks and Caicos", "TC"},
    {"Turks and Caicos Islands", "TC"},
    {"Tuvalu", "TV"},
    {"Türkiye", "TR"},
    {"U.A.E.", "AE"},
    {"U.K.", "GB"},
    {"U.S.", "US"},
    {"U.S. Minor Outlying Islands", "UM"},
    {"U.S. Virgin Islands", "VI"},
    {"U.S.A.", "US"},
    {"UAE", "AE"},
    {"Uganda", "UG"},
    {"UK", "GB"},
    {"Ukraine", "UA"},
    {"United Arab Emirates", "AE"},
    {"United Kingdom", "GB"},
    {"United Kingdom of Great Britain and Northern Ireland", "GB"},
    {"United Mexican States", "MX"},
    {"United Republic of Tanzania", "TZ"},
    {"United States", "US"},
    {"United States Minor Outlying Islands", "UM"},
    {"United States of America", "US"},
    {"United States Virgin Islands", "VI"},
    {"Uruguay", "UY"},
    {"US Minor Outlying Islands", "UM"},
    {"US Virgin Islands", "VI"},
    {"USA", "US"},
    {"USVI", "VI"},
    {"Uzbekistan", "UZ"},
    {"Vanuatu", "VU"},
    {"Vatican", "VA"},
    {"Vatican City", "VA"},
    {"Vatican City State", "VA"},
    {"Venezuela", "VE"},
    {"Venezuela (Bolivarian Republic of)", "VE"},
    {"Viet Nam", "VN"},
    {"Vietnam", "VN"},
    {"Virgin Islands (British)", "VG"},
    {"Virgin Islands (U.S.)", "VI"},
    {"Virgin Islands, British", "VG"},
    {"Virgin Islands, U.S.", "VI"},
    {"Wales", "GB"},
    {"Wallis & Futuna", "WF"},
    {"Wallis and Futuna", "WF"},
    {"Western Sahara", "EH"},
    {"Western Samoa", "WS"},
    {"Yemen", "YE"},
    {"Yemen, Rep.", "YE"},
    {"Zambia", "ZM"},
    {"Zimbabwe", "ZW"},
    {"Åland Islands", "AX"},
    {"Éire", "IE"},
};
const size_t rd_country_name_count = COUNT_OF(rd_country_names);

/* IATA airport codes (the names CDNs give their points of presence) and
 * IATA metropolitan-area codes (LON, NYC, TYO ...). */
const struct rd_key rd_iata[] = {
    {"AAL", "DK"}, /* Aalborg */
    {"AAR", "DK"}, /* Aarhus */
    {"ABJ", "CI"}, /* Abidjan */
    {"ABQ", "US"}, /* Albuquerque */
    {"ABV", "NG"}, /* Abuja */
    {"ABZ", "GB"}, /* Aberdeen */
    {"ACA", "MX"}, /* Acapulco */
    {"ACC", "GH"}, /* Accra */
    {"ACE", "ES"}, /* Lanzarote */
    {"ADA", "TR"}, /* Adana */
    {"ADB", "TR"}, /* Izmir */
    {"ADD", "ET"}, /* Addis Ababa */
    {"ADE", "YE"}, /* Aden */
    {"ADL", "AU"}, /* Adelaide */
    {"AEP", "AR"}, /* Buenos Aires (Aeroparque) */
    {"AER", "RU"}, /* Sochi */
    {"AES", "NO"}, /* Ålesund */
    {"AGA", "MA"}, /* Agadir */
    {"AGP", "ES"}, /* Málaga */
    {"AGU", "MX"}, /* Aguascalientes */
    {"AHB", "SA"}, /* Abha */
    {"AJU", "BR"}, /* Aracaju */
    {"AKL", "NZ"}, /* Auckland */
    {"ALA", "KZ"}, /* Almaty */
    {"ALB", "US"}, /* Albany */
    {"ALC", "ES"}, /* Alicante */
    {"ALG", "DZ"}, /* Algiers */
    {"ALP", "SY"}, /* Aleppo */
    {"AMD", "IN"}, /* Ahmedabad */
    {"AMM", "JO"}, /* Amman */
    {"AMS", "NL"}, /* Amsterdam */
    {"ANC", "US"}, /* Anchorage */
    {"ANF", "CL"}, /* Antofagasta */
    {"ANR", "BE"}, /* Antwerp */
    {"ANU", "AG"}, /* Antigua */
    {"APW", "WS"}, /* Apia */
    {"AQJ", "JO"}, /* Aqaba */
    {"AQP", "PE"}, /* Arequipa */
    {"ARI", "CL"}, /* Arica */
    {"ARN", "SE"}, /* Stockholm (Arlanda) */
    {"ASB", "TM"}, /* Ashgabat */
    {"ASM", "ER"}, /* Asmara */
    {"ASU", "PY"}, /* Asunción */
    {"ASW", "EG"}, /* Aswan */
    {"ATH", "GR"}, /* Athens */
    {"ATL", "US"}, /* Atlanta */
    {"ATQ", "IN"}, /* Amritsar */
    {"AUA", "AW"}, /* Oranjestad */
    {"AUH", "AE"}, /* Abu Dhabi */
    {"AUS", "US"}, /* Austin */
    {"AXA", "AI"}, /* Anguilla */
    {"AYT", "TR"}, /* Antalya */
    {"BAH", "BH"}, /* Bahrain */
    {"BAQ", "CO"}, /* Barranquilla */
    {"BBI", "IN"}, /* Bhubaneswar */
    {"BCN", "ES"}, /* Barcelona */
    {"BDA", "BM"}, /* Bermuda */
    {"BDL", "US"}, /* Hartford */
    {"BDS", "IT"}, /* Brindisi */
    {"BEG", "RS"}, /* Belgrade */
    {"BEL", "BR"}, /* Belém */
    {"BEN", "LY"}, /* Benghazi */
    {"BER", "DE"}, /* Berlin (Brandenburg), also the metropolitan code */
    {"BEY", "LB"}, /* Beirut */
    {"BFN", "ZA"}, /* Bloemfontein */
    {"BFS", "GB"}, /* Belfast (International) */
    {"BGF", "CF"}, /* Bangui */
    {"BGI", "BB"}, /* Bridgetown */
    {"BGO", "NO"}, /* Bergen */
    {"BGR", "US"}, /* Bangor */
    {"BGW", "IQ"}, /* Baghdad */
    {"BGY", "IT"}, /* Milan (Bergamo) */
    {"BHD", "GB"}, /* Belfast (City) */
    {"BHM", "US"}, /* Birmingham (Alabama) */
    {"BHO", "IN"}, /* Bhopal */
    {"BHX", "GB"}, /* Birmingham */
    {"BHZ", "BR"}, /* Belo Horizonte (metropolitan) */
    {"BIL", "US"}, /* Billings */
    {"BIO", "ES"}, /* Bilbao */
    {"BIQ", "FR"}, /* Biarritz */
    {"BJL", "GM"}, /* Banjul */
    {"BJM", "BI"}, /* Bujumbura */
    {"BJS", "CN"}, /* Beijing (metropolitan) */
    {"BJV", "TR"}, /* Bodrum */
    {"BJX", "MX"}, /* León */
    {"BKI", "MY"}, /* Kota Kinabalu */
    {"BKK", "TH"}, /* Bangkok (Suvarnabhumi) */
    {"BKO", "ML"}, /* Bamako */
    {"BLL", "DK"}, /* Billund */
    {"BLQ", "IT"}, /* Bologna */
    {"BLR", "IN"}, /* Bangalore */
    {"BLZ", "MW"}, /* Blantyre */
    {"BMA", "SE"}, /* Stockholm (Bromma) */
    {"BNA", "US"}, /* Nashville */
    {"BNE", "AU"}, /* Brisbane */
    {"BOD", "FR"}, /* Bordeaux */
    {"BOG", "CO"}, /* Bogotá */
    {"BOI", "US"}, /* Boise */
    {"BOJ", "BG"}, /* Burgas */
    {"BOM", "IN"}, /* Mumbai */
    {"BON", "BQ"}, /* Kralendijk */
    {"BOO", "NO"}, /* Bodø */
    {"BOS", "US"}, /* Boston */
    {"BPN", "ID"}, /* Balikpapan */
    {"BQN", "PR"}, /* Aguadilla */
    {"BRC", "AR"}, /* Bariloche */
    {"BRE", "DE"}, /* Bremen */
    {"BRI", "IT"}, /* Bari */
    {"BRN", "CH"}, /* Bern */
    {"BRQ", "CZ"}, /* Brno */
    {"BRS", "GB"}, /* Bristol */
    {"BRU", "BE"}, /* Brussels */
    {"BSB", "BR"}, /* Brasília */
    {"BSL", "CH"}, /* Basel */
    {"BSR", "IQ"}, /* Basra */
    {"BTH", "ID"}, /* Batam */
    {"BTR", "US"}, /* Baton Rouge */
    {"BTS", "SK"}, /* Bratislava */
    {"BTV", "US"}, /* Burlington */
    {"BUD", "HU"}, /* Budapest */
    {"BUE", "AR"}, /* Buenos Aires (metropolitan) */
    {"BUF", "US"}, /* Buffalo */
    {"BUH", "RO"}, /* Bucharest (metropolitan) */
    {"BUQ", "ZW"}, /* Bulawayo */
    {"BUR", "US"}, /* Burbank */
    {"BUS", "GE"}, /* Batumi */
    {"BVA", "FR"}, /* Paris (Beauvais) */
    {"BWI", "US"}, /* Baltimore */
    {"BWN", "BN"}, /* Bandar Seri Begawan */
    {"BZE", "BZ"}, /* Belize City */
    {"BZN", "US"}, /* Bozeman */
    {"BZV", "CG"}, /* Brazzaville */
    {"CAG", "IT"}, /* Cagliari */
    {"CAI", "EG"}, /* Cairo */
    {"CAN", "CN"}, /* Guangzhou */
    {"CAY", "GF"}, /* Cayenne */
    {"CBB", "BO"}, /* Cochabamba */
    {"CBR", "AU"}, /* Canberra */
    {"CCJ", "IN"}, /* Kozhikode */
    {"CCK", "CC"}, /* Cocos (Keeling) Islands */
    {"CCS", "VE"}, /* Caracas */
    {"CCU", "IN"}, /* Kolkata */
    {"CDG", "FR"}, /* Paris (Charles de Gaulle) */
    {"CEB", "PH"}, /* Cebu */
    {"CEK", "RU"}, /* Chelyabinsk */
    {"CFU", "GR"}, /* Corfu */
    {"CGB", "BR"}, /* Cuiabá */
    {"CGH", "BR"}, /* São Paulo (Congonhas) */
    {"CGK", "ID"}, /* Jakarta */
    {"CGN", "DE"}, /* Cologne/Bonn */
    {"CGO", "CN"}, /* Zhengzhou */
    {"CGP", "BD"}, /* Chittagong */
    {"CGQ", "CN"}, /* Changchun */
    {"CGR", "BR"}, /* Campo Grande */
    {"CHC", "NZ"}, /* Christchurch */
    {"CHI", "US"}, /* Chicago (metropolitan) */
    {"CHQ", "GR"}, /* Chania */
    {"CHS", "US"}, /* Charleston */
    {"CIA", "IT"}, /* Rome (Ciampino) */
    {"CID", "US"}, /* Cedar Rapids */
    {"CIT", "KZ"}, /* Shymkent */
    {"CJB", "IN"}, /* Coimbatore */
    {"CJJ", "KR"}, /* Cheongju */
    {"CJS", "MX"}, /* Ciudad Juárez */
    {"CJU", "KR"}, /* Jeju */
    {"CKG", "CN"}, /* Chongqing */
    {"CKY", "GN"}, /* Conakry */
    {"CLE", "US"}, /* Cleveland */
    {"CLJ", "RO"}, /* Cluj-Napoca */
    {"CLO", "CO"}, /* Cali */
    {"CLT", "US"}, /* Charlotte */
    {"CMB", "LK"}, /* Colombo */
    {"CMH", "US"}, /* Columbus */
    {"CMN", "MA"}, /* Casablanca */
    {"CNF", "BR"}, /* Belo Horizonte */
    {"CNS", "AU"}, /* Cairns */
    {"CNX", "TH"}, /* Chiang Mai */
    {"COK", "IN"}, /* Kochi */
    {"COO", "BJ"}, /* Cotonou */
    {"COR", "AR"}, /* Córdoba */
    {"COS", "US"}, /* Colorado Springs */
    {"CPH", "DK"}, /* Copenhagen */
    {"CPT", "ZA"}, /* Cape Town */
    {"CRK", "PH"}, /* Clark */
    {"CRL", "BE"}, /* Charleroi */
    {"CRP", "US"}, /* Corpus Christi */
    {"CSX", "CN"}, /* Changsha */
    {"CTA", "IT"}, /* Catania */
    {"CTG", "CO"}, /* Cartagena */
    {"CTS", "JP"}, /* Sapporo */
    {"CTU", "CN"}, /* Chengdu (Shuangliu) */
    {"CUL", "MX"}, /* Culiacán */
    {"CUN", "MX"}, /* Cancún */
    {"CUR", "CW"}, /* Willemstad */
    {"CUZ", "PE"}, /* Cusco */
    {"CVG", "US"}, /* Cincinnati */
    {"CWB", "BR"}, /* Curitiba */
    {"CWL", "GB"}, /* Cardiff */
    {"CXJ", "BR"}, /* Caxias do Sul */
    {"CXR", "VN"}, /* Nha Trang (Cam Ranh) */
    {"CZL", "DZ"}, /* Constantine */
    {"DAC", "BD"}, /* Dhaka */
    {"DAD", "VN"}, /* Da Nang */
    {"DAL", "US"}, /* Dallas (Love Field) */
    {"DAM", "SY"}, /* Damascus */
    {"DAR", "TZ"}, /* Dar es Salaam */
    {"DBV", "HR"}, /* Dubrovnik */
    {"DCA", "US"}, /* Washington (Reagan National) */
    {"DEB", "HU"}, /* Debrecen */
    {"DEL", "IN"}, /* Delhi */
    {"DEN", "US"}, /* Denver */
    {"DFW", "US"}, /* Dallas-Fort Worth */
    {"DIL", "TL"}, /* Dili */
    {"DJE", "TN"}, /* Djerba */
    {"DKR", "SN"}, /* Dakar (old) */
    {"DLA", "CM"}, /* Douala */
    {"DLC", "CN"}, /* Dalian */
    {"DLM", "TR"}, /* Dalaman */
    {"DME", "RU"}, /* Moscow (Domodedovo) */
    {"DMK", "TH"}, /* Bangkok (Don Mueang) */
    {"DMM", "SA"}, /* Dammam */
    {"DOH", "QA"}, /* Doha */
    {"DOM", "DM"}, /* Dominica */
    {"DPS", "ID"}, /* Denpasar (Bali) */
    {"DRS", "DE"}, /* Dresden */
    {"DRW", "AU"}, /* Darwin */
    {"DSM", "US"}, /* Des Moines */
    {"DSS", "SN"}, /* Dakar */
    {"DTM", "DE"}, /* Dortmund */
    {"DTT", "US"}, /* Detroit (metropolitan) */
    {"DTW", "US"}, /* Detroit */
    {"DUB", "IE"}, /* Dublin */
    {"DUD", "NZ"}, /* Dunedin */
    {"DUR", "ZA"}, /* Durban */
    {"DUS", "DE"}, /* Düsseldorf */
    {"DVO", "PH"}, /* Davao */
    {"DWC", "AE"}, /* Dubai (Al Maktoum) */
    {"DXB", "AE"}, /* Dubai */
    {"DYU", "TJ"}, /* Dushanbe */
    {"DZA", "YT"}, /* Mayotte */
    {"EBB", "UG"}, /* Entebbe (Kampala) */
    {"EBL", "IQ"}, /* Erbil */
    {"EDI", "GB"}, /* Edinburgh */
    {"EIN", "NL"}, /* Eindhoven */
    {"EIS", "VG"}, /* Tortola */
    {"ELP", "US"}, /* El Paso */
    {"ELS", "ZA"}, /* East London */
    {"EMA", "GB"}, /* East Midlands */
    {"ESB", "TR"}, /* Ankara */
    {"ETM", "IL"}, /* Eilat (Ramon) */
    {"EVN", "AM"}, /* Yerevan */
    {"EWR", "US"}, /* Newark */
    {"EZE", "AR"}, /* Buenos Aires (Ezeiza) */
    {"FAE", "FO"}, /* Vágar */
    {"FAI", "US"}, /* Fairbanks */
    {"FAO", "PT"}, /* Faro */
    {"FAR", "US"}, /* Fargo */
    {"FAT", "US"}, /* Fresno */
    {"FBM", "CD"}, /* Lubumbashi */
    {"FCO", "IT"}, /* Rome (Fiumicino) */
    {"FDF", "MQ"}, /* Fort-de-France */
    {"FEZ", "MA"}, /* Fez */
    {"FIH", "CD"}, /* Kinshasa */
    {"FJR", "AE"}, /* Fujairah */
    {"FKB", "DE"}, /* Karlsruhe/Baden-Baden */
    {"FLL", "US"}, /* Fort Lauderdale */
    {"FLN", "BR"}, /* Florianópolis */
    {"FLR", "IT"}, /* Florence */
    {"FMO", "DE"}, /* Münster */
    {"FNA", "SL"}, /* Freetown */
    {"FNC", "PT"}, /* Funchal */
    {"FOC", "CN"}, /* Fuzhou */
    {"FOR", "BR"}, /* Fortaleza */
    {"FRA", "DE"}, /* Frankfurt */
    {"FRU", "KG"}, /* Bishkek */
    {"FSD", "US"}, /* Sioux Falls */
    {"FSP", "PM"}, /* Saint-Pierre */
    {"FUE", "ES"}, /* Fuerteventura */
    {"FUK", "JP"}, /* Fukuoka */
    {"FUN", "TV"}, /* Funafuti */
    {"GAU", "IN"}, /* Guwahati */
    {"GBE", "BW"}, /* Gaborone */
    {"GCI", "GG"}, /* Guernsey */
    {"GCM", "KY"}, /* Grand Cayman */
    {"GDL", "MX"}, /* Guadalajara */
    {"GDN", "PL"}, /* Gdańsk */
    {"GEG", "US"}, /* Spokane */
    {"GEO", "GY"}, /* Georgetown */
    {"GIB", "GI"}, /* Gibraltar */
    {"GIG", "BR"}, /* Rio de Janeiro (Galeão) */
    {"GLA", "GB"}, /* Glasgow */
    {"GMP", "KR"}, /* Seoul (Gimpo) */
    {"GND", "GD"}, /* Grenada */
    {"GOA", "IT"}, /* Genoa */
    {"GOH", "GL"}, /* Nuuk */
    {"GOI", "IN"}, /* Goa (Dabolim) */
    {"GOJ", "RU"}, /* Nizhny Novgorod */
    {"GOT", "SE"}, /* Gothenburg */
    {"GOX", "IN"}, /* Goa (Mopa) */
    {"GRQ", "NL"}, /* Groningen */
    {"GRR", "US"}, /* Grand Rapids */
    {"GRU", "BR"}, /* São Paulo (Guarulhos) */
    {"GRX", "ES"}, /* Granada */
    {"GRZ", "AT"}, /* Graz */
    {"GSO", "US"}, /* Greensboro */
    {"GSP", "US"}, /* Greenville-Spartanburg */
    {"GUA", "GT"}, /* Guatemala City */
    {"GUM", "GU"}, /* Guam */
    {"GVA", "CH"}, /* Geneva */
    {"GYD", "AZ"}, /* Baku */
    {"GYE", "EC"}, /* Guayaquil */
    {"GYN", "BR"}, /* Goiânia */
    {"HAH", "KM"}, /* Moroni */
    {"HAJ", "DE"}, /* Hanover */
    {"HAK", "CN"}, /* Haikou */
    {"HAM", "DE"}, /* Hamburg */
    {"HAN", "VN"}, /* Hanoi */
    {"HAV", "CU"}, /* Havana */
    {"HBA", "AU"}, /* Hobart */
    {"HBE", "EG"}, /* Alexandria */
    {"HDY", "TH"}, /* Hat Yai */
    {"HEL", "FI"}, /* Helsinki */
    {"HER", "GR"}, /* Heraklion */
    {"HET", "CN"}, /* Hohhot */
    {"HFE", "CN"}, /* Hefei */
    {"HGH", "CN"}, /* Hangzhou */
    {"HHN", "DE"}, /* Frankfurt (Hahn) */
    {"HIJ", "JP"}, /* Hiroshima */
    {"HIR", "SB"}, /* Honiara */
    {"HKG", "HK"}, /* Hong Kong */
    {"HKT", "TH"}, /* Phuket */
    {"HLA", "ZA"}, /* Johannesburg (Lanseria) */
    {"HLP", "ID"}, /* Jakarta (Halim) */
    {"HMO", "MX"}, /* Hermosillo */
    {"HND", "JP"}, /* Tokyo (Haneda) */
    {"HNL", "US"}, /* Honolulu */
    {"HOU", "US"}, /* Houston (Hobby) */
    {"HRB", "CN"}, /* Harbin */
    {"HRE", "ZW"}, /* Harare */
    {"HRG", "EG"}, /* Hurghada */
    {"HRK", "UA"}, /* Kharkiv */
    {"HSV", "US"}, /* Huntsville */
    {"HYD", "IN"}, /* Hyderabad */
    {"IAD", "US"}, /* Washington (Dulles), Ashburn */
    {"IAH", "US"}, /* Houston (Intercontinental) */
    {"IAS", "RO"}, /* Iași */
    {"IBZ", "ES"}, /* Ibiza */
    {"ICN", "KR"}, /* Seoul (Incheon) */
    {"ICT", "US"}, /* Wichita */
    {"IDR", "IN"}, /* Indore */
    {"IEV", "UA"}, /* Kyiv (Zhuliany) */
    {"IFN", "IR"}, /* Isfahan */
    {"IGU", "BR"}, /* Foz do Iguaçu */
    {"IKA", "IR"}, /* Tehran (Imam Khomeini) */
    {"IKT", "RU"}, /* Irkutsk */
    {"ILO", "PH"}, /* Iloilo */
    {"IND", "US"}, /* Indianapolis */
    {"INI", "RS"}, /* Niš */
    {"INN", "AT"}, /* Innsbruck */
    {"INU", "NR"}, /* Nauru */
    {"INV", "GB"}, /* Inverness */
    {"IOM", "IM"}, /* Isle of Man */
    {"ISB", "PK"}, /* Islamabad */
    {"IST", "TR"}, /* Istanbul */
    {"ISU", "IQ"}, /* Sulaymaniyah */
    {"ITM", "JP"}, /* Osaka (Itami) */
    {"IUE", "NU"}, /* Niue */
    {"IXB", "IN"}, /* Bagdogra */
    {"IXC", "IN"}, /* Chandigarh */
    {"IXE", "IN"}, /* Mangalore */
    {"IXM", "IN"}, /* Madurai */
    {"IXR", "IN"}, /* Ranchi */
    {"IZM", "TR"}, /* Izmir (metropolitan) */
    {"JAI", "IN"}, /* Jaipur */
    {"JAN", "US"}, /* Jackson */
    {"JAX", "US"}, /* Jacksonville */
    {"JED", "SA"}, /* Jeddah */
    {"JER", "JE"}, /* Jersey */
    {"JFK", "US"}, /* New York (JFK) */
    {"JHB", "MY"}, /* Johor Bahru */
    {"JIB", "DJ"}, /* Djibouti */
    {"JKT", "ID"}, /* Jakarta (metropolitan) */
    {"JMK", "GR"}, /* Mykonos */
    {"JNB", "ZA"}, /* Johannesburg */
    {"JOG", "ID"}, /* Yogyakarta (old) */
    {"JOI", "BR"}, /* Joinville */
    {"JPA", "BR"}, /* João Pessoa */
    {"JRO", "TZ"}, /* Kilimanjaro */
    {"JTR", "GR"}, /* Santorini */
    {"JUB", "SS"}, /* Juba */
    {"KAN", "NG"}, /* Kano */
    {"KBL", "AF"}, /* Kabul */
    {"KBP", "UA"}, /* Kyiv (Boryspil) */
    {"KCH", "MY"}, /* Kuching */
    {"KEF", "IS"}, /* Reykjavík (Keflavík) */
    {"KGD", "RU"}, /* Kaliningrad */
    {"KGL", "RW"}, /* Kigali */
    {"KHH", "TW"}, /* Kaohsiung */
    {"KHI", "PK"}, /* Karachi */
    {"KHV", "RU"}, /* Khabarovsk */
    {"KIN", "JM"}, /* Kingston */
    {"KIS", "KE"}, /* Kisumu */
    {"KIV", "MD"}, /* Chișinău */
    {"KIX", "JP"}, /* Osaka (Kansai) */
    {"KJA", "RU"}, /* Krasnoyarsk */
    {"KMG", "CN"}, /* Kunming */
    {"KMJ", "JP"}, /* Kumamoto */
    {"KNO", "ID"}, /* Medan */
    {"KOA", "US"}, /* Kona */
    {"KOJ", "JP"}, /* Kagoshima */
    {"KRK", "PL"}, /* Kraków */
    {"KRR", "RU"}, /* Krasnodar */
    {"KRT", "SD"}, /* Khartoum */
    {"KSC", "SK"}, /* Košice */
    {"KTM", "NP"}, /* Kathmandu */
    {"KTW", "PL"}, /* Katowice */
    {"KUF", "RU"}, /* Samara */
    {"KUL", "MY"}, /* Kuala Lumpur */
    {"KUN", "LT"}, /* Kaunas */
    {"KUT", "GE"}, /* Kutaisi */
    {"KWE", "CN"}, /* Guiyang */
    {"KWI", "KW"}, /* Kuwait */
    {"KZN", "RU"}, /* Kazan */
    {"LAD", "AO"}, /* Luanda */
    {"LAS", "US"}, /* Las Vegas */
    {"LAX", "US"}, /* Los Angeles */
    {"LBA", "GB"}, /* Leeds Bradford */
    {"LBB", "US"}, /* Lubbock */
    {"LBV", "GA"}, /* Libreville */
    {"LCA", "CY"}, /* Larnaca */
    {"LCY", "GB"}, /* London (City) */
    {"LDB", "BR"}, /* Londrina */
    {"LED", "RU"}, /* Saint Petersburg */
    {"LEJ", "DE"}, /* Leipzig */
    {"LEX", "US"}, /* Lexington */
    {"LFW", "TG"}, /* Lomé */
    {"LGA", "US"}, /* New York (LaGuardia) */
    {"LGB", "US"}, /* Long Beach */
    {"LGG", "BE"}, /* Liège */
    {"LGK", "MY"}, /* Langkawi */
    {"LGW", "GB"}, /* London (Gatwick) */
    {"LHE", "PK"}, /* Lahore */
    {"LHR", "GB"}, /* London (Heathrow) */
    {"LHW", "CN"}, /* Lanzhou */
    {"LIL", "FR"}, /* Lille */
    {"LIM", "PE"}, /* Lima */
    {"LIN", "IT"}, /* Milan (Linate) */
    {"LIR", "CR"}, /* Liberia */
    {"LIS", "PT"}, /* Lisbon */
    {"LIT", "US"}, /* Little Rock */
    {"LJU", "SI"}, /* Ljubljana */
    {"LKO", "IN"}, /* Lucknow */
    {"LLA", "SE"}, /* Luleå */
    {"LLW", "MW"}, /* Lilongwe */
    {"LNZ", "AT"}, /* Linz */
    {"LON", "GB"}, /* London (metropolitan) */
    {"LOS", "NG"}, /* Lagos */
    {"LPA", "ES"}, /* Gran Canaria */
    {"LPB", "BO"}, /* La Paz */
    {"LPL", "GB"}, /* Liverpool */
    {"LST", "AU"}, /* Launceston */
    {"LTN", "GB"}, /* London (Luton) */
    {"LUN", "ZM"}, /* Lusaka */
    {"LUX", "LU"}, /* Luxembourg */
    {"LUZ", "PL"}, /* Lublin */
    {"LWO", "UA"}, /* Lviv */
    {"LXR", "EG"}, /* Luxor */
    {"LYP", "PK"}, /* Faisalabad */
    {"LYR", "SJ"}, /* Longyearbyen */
    {"LYS", "FR"}, /* Lyon */
    {"MAA", "IN"}, /* Chennai */
    {"MAD", "ES"}, /* Madrid */
    {"MAH", "ES"}, /* Menorca */
    {"MAJ", "MH"}, /* Majuro */
    {"MAN", "GB"}, /* Manchester */
    {"MAO", "BR"}, /* Manaus */
    {"MAR", "VE"}, /* Maracaibo */
    {"MBA", "KE"}, /* Mombasa */
    {"MBJ", "JM"}, /* Montego Bay */
    {"MCI", "US"}, /* Kansas City */
    {"MCO", "US"}, /* Orlando */
    {"MCT", "OM"}, /* Muscat */
    {"MCZ", "BR"}, /* Maceió */
    {"MDE", "CO"}, /* Medellín */
    {"MDL", "MM"}, /* Mandalay */
    {"MDW", "US"}, /* Chicago (Midway) */
    {"MDZ", "AR"}, /* Mendoza */
    {"MED", "SA"}, /* Medina */
    {"MEL", "AU"}, /* Melbourne */
    {"MEM", "US"}, /* Memphis */
    {"MEX", "MX"}, /* Mexico City */
    {"MFE", "US"}, /* McAllen */
    {"MFM", "MO"}, /* Macao */
    {"MGA", "NI"}, /* Managua */
    {"MGF", "BR"}, /* Maringá */
    {"MGQ", "SO"}, /* Mogadishu */
    {"MHD", "IR"}, /* Mashhad */
    {"MHQ", "AX"}, /* Mariehamn */
    {"MHT", "US"}, /* Manchester (New Hampshire) */
    {"MIA", "US"}, /* Miami */
    {"MID", "MX"}, /* Mérida */
    {"MIL", "IT"}, /* Milan (metropolitan) */
    {"MIR", "TN"}, /* Monastir */
    {"MJI", "LY"}, /* Tripoli (Mitiga) */
    {"MKE", "US"}, /* Milwaukee */
    {"MLA", "MT"}, /* Malta */
    {"MLE", "MV"}, /* Malé */
    {"MLH", "FR"}, /* Mulhouse */
    {"MMA", "SE"}, /* Malmö (metropolitan) */
    {"MMK", "RU"}, /* Murmansk */
    {"MMX", "SE"}, /* Malmö */
    {"MNL", "PH"}, /* Manila */
    {"MOW", "RU"}, /* Moscow (metropolitan) */
    {"MPL", "FR"}, /* Montpellier */
    {"MPM", "MZ"}, /* Maputo */
    {"MRS", "FR"}, /* Marseille */
    {"MRU", "MU"}, /* Mauritius */
    {"MSN", "US"}, /* Madison */
    {"MSP", "US"}, /* Minneapolis */
    {"MSQ", "BY"}, /* Minsk */
    {"MST", "NL"}, /* Maastricht */
    {"MSU", "LS"}, /* Maseru */
    {"MSY", "US"}, /* New Orleans */
    {"MTY", "MX"}, /* Monterrey */
    {"MUC", "DE"}, /* Munich */
    {"MUX", "PK"}, /* Multan */
    {"MVD", "UY"}, /* Montevideo */
    {"MXP", "IT"}, /* Milan (Malpensa) */
    {"NAG", "IN"}, /* Nagpur */
    {"NAN", "FJ"}, /* Nadi */
    {"NAP", "IT"}, /* Naples */
    {"NAS", "BS"}, /* Nassau */
    {"NAT", "BR"}, /* Natal */
    {"NBO", "KE"}, /* Nairobi */
    {"NCE", "FR"}, /* Nice */
    {"NCL", "GB"}, /* Newcastle */
    {"NDJ", "TD"}, /* N'Djamena */
    {"NGB", "CN"}, /* Ningbo */
    {"NGO", "JP"}, /* Nagoya */
    {"NIM", "NE"}, /* Niamey */
    {"NJF", "IQ"}, /* Najaf */
    {"NKC", "MR"}, /* Nouakchott */
    {"NKG", "CN"}, /* Nanjing */
    {"NLK", "NF"}, /* Norfolk Island */
    {"NLU", "MX"}, /* Mexico City (Felipe Ángeles) */
    {"NNG", "CN"}, /* Nanning */
    {"NOU", "NC"}, /* Nouméa */
    {"NQN", "AR"}, /* Neuquén */
    {"NQZ", "KZ"}, /* Astana */
    {"NRT", "JP"}, /* Tokyo (Narita) */
    {"NSI", "CM"}, /* Yaoundé */
    {"NTE", "FR"}, /* Nantes */
    {"NUE", "DE"}, /* Nuremberg */
    {"NVT", "BR"}, /* Navegantes */
    {"NYC", "US"}, /* New York (metropolitan) */
    {"NYO", "SE"}, /* Stockholm (Skavsta) */
    {"NYT", "MM"}, /* Naypyidaw */
    {"OAK", "US"}, /* Oakland */
    {"OAX", "MX"}, /* Oaxaca */
    {"ODS", "UA"}, /* Odesa */
    {"OGG", "US"}, /* Kahului (Maui) */
    {"OHD", "MK"}, /* Ohrid */
    {"OKA", "JP"}, /* Okinawa */
    {"OKC", "US"}, /* Oklahoma City */
    {"OLB", "IT"}, /* Olbia */
    {"OMA", "US"}, /* Omaha */
    {"OMS", "RU"}, /* Omsk */
    {"ONT", "US"}, /* Ontario (California) */
    {"OOL", "AU"}, /* Gold Coast */
    {"OPO", "PT"}, /* Porto */
    {"ORD", "US"}, /* Chicago (O'Hare) */
    {"ORF", "US"}, /* Norfolk */
    {"ORK", "IE"}, /* Cork */
    {"ORN", "DZ"}, /* Oran */
    {"ORY", "FR"}, /* Paris (Orly) */
    {"OSA", "JP"}, /* Osaka (metropolitan) */
    {"OSL", "NO"}, /* Oslo */
    {"OTP", "RO"}, /* Bucharest */
    {"OUA", "BF"}, /* Ouagadougou */
    {"OUL", "FI"}, /* Oulu */
    {"OVB", "RU"}, /* Novosibirsk */
    {"OVD", "ES"}, /* Asturias */
    {"PAP", "HT"}, /* Port-au-Prince */
    {"PAR", "FR"}, /* Paris (metropolitan) */
    {"PAT", "IN"}, /* Patna */
    {"PBC", "MX"}, /* Puebla */
    {"PBH", "BT"}, /* Paro */
    {"PBI", "US"}, /* West Palm Beach */
    {"PBM", "SR"}, /* Paramaribo */
    {"PDL", "PT"}, /* Ponta Delgada */
    {"PDX", "US"}, /* Portland (Oregon) */
    {"PEE", "RU"}, /* Perm */
    {"PEK", "CN"}, /* Beijing (Capital) */
    {"PEN", "MY"}, /* Penang */
    {"PER", "AU"}, /* Perth */
    {"PEW", "PK"}, /* Peshawar */
    {"PFO", "CY"}, /* Paphos */
    {"PHC", "NG"}, /* Port Harcourt */
    {"PHL", "US"}, /* Philadelphia */
    {"PHX", "US"}, /* Phoenix */
    {"PIT", "US"}, /* Pittsburgh */
    {"PKU", "ID"}, /* Pekanbaru */
    {"PKX", "CN"}, /* Beijing (Daxing) */
    {"PLM", "ID"}, /* Palembang */
    {"PLS", "TC"}, /* Providenciales */
    {"PLZ", "ZA"}, /* Gqeberha (Port Elizabeth) */
    {"PMC", "CL"}, /* Puerto Montt */
    {"PMI", "ES"}, /* Palma de Mallorca */
    {"PMO", "IT"}, /* Palermo */
    {"PMW", "BR"}, /* Palmas */
    {"PNH", "KH"}, /* Phnom Penh */
    {"PNI", "FM"}, /* Pohnpei */
    {"PNQ", "IN"}, /* Pune */
    {"PNR", "CG"}, /* Pointe-Noire */
    {"POA", "BR"}, /* Porto Alegre */
    {"POM", "PG"}, /* Port Moresby */
    {"POP", "DO"}, /* Puerto Plata */
    {"POS", "TT"}, /* Port of Spain */
    {"POZ", "PL"}, /* Poznań */
    {"PPG", "AS"}, /* Pago Pago */
    {"PPT", "PF"}, /* Papeete */
    {"PQC", "VN"}, /* Phu Quoc */
    {"PRG", "CZ"}, /* Prague */
    {"PSA", "IT"}, /* Pisa */
    {"PSP", "US"}, /* Palm Springs */
    {"PTP", "GP"}, /* Pointe-à-Pitre */
    {"PTY", "PA"}, /* Panama City */
    {"PUJ", "DO"}, /* Punta Cana */
    {"PUS", "KR"}, /* Busan */
    {"PVD", "US"}, /* Providence */
    {"PVG", "CN"}, /* Shanghai (Pudong) */
    {"PVH", "BR"}, /* Porto Velho */
    {"PVR", "MX"}, /* Puerto Vallarta */
    {"PWM", "US"}, /* Portland (Maine) */
    {"QRO", "MX"}, /* Querétaro */
    {"RAI", "CV"}, /* Praia */
    {"RAK", "MA"}, /* Marrakesh */
    {"RAO", "BR"}, /* Ribeirão Preto */
    {"RAR", "CK"}, /* Rarotonga */
    {"RBA", "MA"}, /* Rabat */
    {"RDU", "US"}, /* Raleigh-Durham */
    {"REC", "BR"}, /* Recife */
    {"REK", "IS"}, /* Reykjavík (metropolitan) */
    {"REP", "KH"}, /* Siem Reap (old) */
    {"RGN", "MM"}, /* Yangon */
    {"RHO", "GR"}, /* Rhodes */
    {"RIC", "US"}, /* Richmond */
    {"RIO", "BR"}, /* Rio de Janeiro (metropolitan) */
    {"RIX", "LV"}, /* Riga */
    {"RKT", "AE"}, /* Ras Al Khaimah */
    {"RKV", "IS"}, /* Reykjavík (domestic) */
    {"RMQ", "TW"}, /* Taichung */
    {"RNO", "US"}, /* Reno */
    {"RNS", "FR"}, /* Rennes */
    {"ROB", "LR"}, /* Monrovia */
    {"ROC", "US"}, /* Rochester */
    {"ROM", "IT"}, /* Rome (metropolitan) */
    {"ROR", "PW"}, /* Koror */
    {"ROS", "AR"}, /* Rosario */
    {"ROV", "RU"}, /* Rostov-on-Don */
    {"RPR", "IN"}, /* Raipur */
    {"RSW", "US"}, /* Fort Myers */
    {"RTM", "NL"}, /* Rotterdam */
    {"RUH", "SA"}, /* Riyadh */
    {"RUN", "RE"}, /* Saint-Denis (Réunion) */
    {"RVN", "FI"}, /* Rovaniemi */
    {"RZE", "PL"}, /* Rzeszów */
    {"SAH", "YE"}, /* Sana'a */
    {"SAI", "KH"}, /* Siem Reap */
    {"SAL", "SV"}, /* San Salvador */
    {"SAN", "US"}, /* San Diego */
    {"SAO", "BR"}, /* São Paulo (metropolitan) */
    {"SAP", "HN"}, /* San Pedro Sula */
    {"SAT", "US"}, /* San Antonio */
    {"SAV", "US"}, /* Savannah */
    {"SAW", "TR"}, /* Istanbul (Sabiha Gökçen) */
    {"SBH", "BL"}, /* Saint Barthélemy */
    {"SCL", "CL"}, /* Santiago */
    {"SCQ", "ES"}, /* Santiago de Compostela */
    {"SDF", "US"}, /* Louisville */
    {"SDJ", "JP"}, /* Sendai */
    {"SDQ", "DO"}, /* Santo Domingo */
    {"SDU", "BR"}, /* Rio de Janeiro (Santos Dumont) */
    {"SEA", "US"}, /* Seattle */
    {"SEL", "KR"}, /* Seoul (metropolitan) */
    {"SEN", "GB"}, /* London (Southend) */
    {"SEZ", "SC"}, /* Mahé */
    {"SFJ", "GL"}, /* Kangerlussuaq */
    {"SFO", "US"}, /* San Francisco */
    {"SGF", "US"}, /* Springfield (Missouri) */
    {"SGN", "VN"}, /* Ho Chi Minh City */
    {"SHA", "CN"}, /* Shanghai (Hongqiao) */
    {"SHE", "CN"}, /* Shenyang */
    {"SHJ", "AE"}, /* Sharjah */
    {"SHO", "SZ"}, /* Manzini */
    {"SID", "CV"}, /* Sal */
    {"SIN", "SG"}, /* Singapore */
    {"SJC", "US"}, /* San Jose */
    {"SJD", "MX"}, /* San José del Cabo */
    {"SJJ", "BA"}, /* Sarajevo */
    {"SJO", "CR"}, /* San José */
    {"SJU", "PR"}, /* San Juan */
    {"SJW", "CN"}, /* Shijiazhuang */
    {"SKB", "KN"}, /* St. Kitts */
    {"SKD", "UZ"}, /* Samarkand */
    {"SKG", "GR"}, /* Thessaloniki */
    {"SKP", "MK"}, /* Skopje */
    {"SLC", "US"}, /* Salt Lake City */
    {"SLL", "OM"}, /* Salalah */
    {"SLP", "MX"}, /* San Luis Potosí */
    {"SLZ", "BR"}, /* São Luís */
    {"SMF", "US"}, /* Sacramento */
    {"SNA", "US"}, /* Santa Ana */
    {"SNN", "IE"}, /* Shannon */
    {"SOF", "BG"}, /* Sofia */
    {"SOU", "GB"}, /* Southampton */
    {"SPK", "JP"}, /* Sapporo (metropolitan) */
    {"SPN", "MP"}, /* Saipan */
    {"SPU", "HR"}, /* Split */
    {"SPX", "EG"}, /* Cairo (Sphinx) */
    {"SRG", "ID"}, /* Semarang */
    {"SSA", "BR"}, /* Salvador */
    {"SSG", "GQ"}, /* Malabo */
    {"SSH", "EG"}, /* Sharm El Sheikh */
    {"STI", "DO"}, /* Santiago de los Caballeros */
    {"STL", "US"}, /* St. Louis */
    {"STN", "GB"}, /* London (Stansted) */
    {"STO", "SE"}, /* Stockholm (metropolitan) */
    {"STR", "DE"}, /* Stuttgart */
    {"STT", "VI"}, /* St. Thomas */
    {"STV", "IN"}, /* Surat */
    {"STX", "VI"}, /* St. Croix */
    {"SUB", "ID"}, /* Surabaya */
    {"SUV", "FJ"}, /* Suva */
    {"SVD", "VC"}, /* St. Vincent */
    {"SVG", "NO"}, /* Stavanger */
    {"SVO", "RU"}, /* Moscow (Sheremetyevo) */
    {"SVQ", "ES"}, /* Seville */
    {"SVX", "RU"}, /* Yekaterinburg */
    {"SXB", "FR"}, /* Strasbourg */
    {"SXF", "DE"}, /* Berlin (Schönefeld, closed) */
    {"SXM", "SX"}, /* Sint Maarten */
    {"SXR", "IN"}, /* Srinagar */
    {"SYD", "AU"}, /* Sydney */
    {"SYR", "US"}, /* Syracuse */
    {"SYX", "CN"}, /* Sanya */
    {"SYZ", "IR"}, /* Shiraz */
    {"SZB", "MY"}, /* Kuala Lumpur (Subang) */
    {"SZG", "AT"}, /* Salzburg */
    {"SZX", "CN"}, /* Shenzhen */
    {"SZZ", "PL"}, /* Szczecin */
    {"TAE", "KR"}, /* Daegu */
    {"TAO", "CN"}, /* Qingdao */
    {"TAS", "UZ"}, /* Tashkent */
    {"TBS", "GE"}, /* Tbilisi */
    {"TBU", "TO"}, /* Nuku'alofa */
    {"TBZ", "IR"}, /* Tabriz */
    {"TCI", "ES"}, /* Tenerife (metropolitan) */
    {"TFN", "ES"}, /* Tenerife North */
    {"TFS", "ES"}, /* Tenerife South */
    {"TFU", "CN"}, /* Chengdu (Tianfu) */
    {"TGD", "ME"}, /* Podgorica */
    {"TGU", "HN"}, /* Tegucigalpa */
    {"THE", "BR"}, /* Teresina */
    {"THR", "IR"}, /* Tehran (Mehrabad) */
    {"TIA", "AL"}, /* Tirana */
    {"TIJ", "MX"}, /* Tijuana */
    {"TIP", "LY"}, /* Tripoli */
    {"TIV", "ME"}, /* Tivat */
    {"TKU", "FI"}, /* Turku */
    {"TLH", "US"}, /* Tallahassee */
    {"TLL", "EE"}, /* Tallinn */
    {"TLS", "FR"}, /* Toulouse */
    {"TLV", "IL"}, /* Tel Aviv */
    {"TMP", "FI"}, /* Tampere */
    {"TMS", "ST"}, /* São Tomé */
    {"TNA", "CN"}, /* Jinan */
    {"TNG", "MA"}, /* Tangier */
    {"TNR", "MG"}, /* Antananarivo */
    {"TOS", "NO"}, /* Tromsø */
    {"TPA", "US"}, /* Tampa */
    {"TPE", "TW"}, /* Taipei (Taoyuan) */
    {"TRD", "NO"}, /* Trondheim */
    {"TRN", "IT"}, /* Turin */
    {"TRV", "IN"}, /* Thiruvananthapuram */
    {"TRW", "KI"}, /* Tarawa */
    {"TRZ", "IN"}, /* Tiruchirappalli */
    {"TSA", "TW"}, /* Taipei (Songshan) */
    {"TSF", "IT"}, /* Treviso */
    {"TSN", "CN"}, /* Tianjin */
    {"TSR", "RO"}, /* Timișoara */
    {"TSV", "AU"}, /* Townsville */
    {"TUL", "US"}, /* Tulsa */
    {"TUN", "TN"}, /* Tunis */
    {"TUS", "US"}, /* Tucson */
    {"TUU", "SA"}, /* Tabuk */
    {"TXL", "DE"}, /* Berlin (Tegel, closed) */
    {"TYN", "CN"}, /* Taiyuan */
    {"TYO", "JP"}, /* Tokyo (metropolitan) */
    {"TYS", "US"}, /* Knoxville */
    {"TZX", "TR"}, /* Trabzon */
    {"UBN", "MN"}, /* Ulaanbaatar */
    {"UDI", "BR"}, /* Uberlândia */
    {"UET", "PK"}, /* Quetta */
    {"UFA", "RU"}, /* Ufa */
    {"UIO", "EC"}, /* Quito */
    {"UKB", "JP"}, /* Kobe */
    {"ULN", "MN"}, /* Ulaanbaatar (old) */
    {"UME", "SE"}, /* Umeå */
    {"UPG", "ID"}, /* Makassar */
    {"URC", "CN"}, /* Ürümqi */
    {"USH", "AR"}, /* Ushuaia */
    {"USM", "TH"}, /* Koh Samui */
    {"UVF", "LC"}, /* St. Lucia */
    {"VAR", "BG"}, /* Varna */
    {"VCE", "IT"}, /* Venice */
    {"VCP", "BR"}, /* Campinas */
    {"VER", "MX"}, /* Veracruz */
    {"VFA", "ZW"}, /* Victoria Falls */
    {"VGA", "IN"}, /* Vijayawada */
    {"VGO", "ES"}, /* Vigo */
    {"VIE", "AT"}, /* Vienna */
    {"VIX", "BR"}, /* Vitória */
    {"VKO", "RU"}, /* Moscow (Vnukovo) */
    {"VLC", "ES"}, /* Valencia */
    {"VLI", "VU"}, /* Port Vila */
    {"VLN", "VE"}, /* Valencia */
    {"VNO", "LT"}, /* Vilnius */
    {"VNS", "IN"}, /* Varanasi */
    {"VRN", "IT"}, /* Verona */
    {"VTE", "LA"}, /* Vientiane */
    {"VTZ", "IN"}, /* Visakhapatnam */
    {"VVI", "BO"}, /* Santa Cruz de la Sierra */
    {"VVO", "RU"}, /* Vladivostok */
    {"WAS", "US"}, /* Washington (metropolitan) */
    {"WAW", "PL"}, /* Warsaw (Chopin) */
    {"WDH", "NA"}, /* Windhoek */
    {"WLG", "NZ"}, /* Wellington */
    {"WLS", "WF"}, /* Wallis */
    {"WMI", "PL"}, /* Warsaw (Modlin) */
    {"WRO", "PL"}, /* Wrocław */
    {"WUH", "CN"}, /* Wuhan */
    {"XCH", "CX"}, /* Christmas Island */
    {"XIY", "CN"}, /* Xi'an */
    {"XMN", "CN"}, /* Xiamen */
    {"XSP", "SG"}, /* Singapore (Seletar) */
    {"YEA", "CA"}, /* Edmonton (metropolitan) */
    {"YEG", "CA"}, /* Edmonton */
    {"YHM", "CA"}, /* Hamilton */
    {"YHZ", "CA"}, /* Halifax */
    {"YIA", "ID"}, /* Yogyakarta */
    {"YLW", "CA"}, /* Kelowna */
    {"YMQ", "CA"}, /* Montréal (metropolitan) */
    {"YOW", "CA"}, /* Ottawa */
    {"YQB", "CA"}, /* Québec City */
    {"YQR", "CA"}, /* Regina */
    {"YTO", "CA"}, /* Toronto (metropolitan) */
    {"YTZ", "CA"}, /* Toronto (Billy Bishop) */
    {"YUL", "CA"}, /* Montréal */
    {"YVR", "CA"}, /* Vancouver */
    {"YWG", "CA"}, /* Winnipeg */
    {"YXE", "CA"}, /* Saskatoon */
    {"YXU", "CA"}, /* London (Ontario) */
    {"YYC", "CA"}, /* Calgary */
    {"YYJ", "CA"}, /* Victoria */
    {"YYT", "CA"}, /* St. John's */
    {"YYZ", "CA"}, /* Toronto (Pearson) */
    {"ZAD", "HR"}, /* Zadar */
    {"ZAG", "HR"}, /* Zagreb */
    {"ZAZ", "ES"}, /* Zaragoza */
    {"ZNZ", "TZ"}, /* Zanzibar */
    {"ZQN", "NZ"}, /* Queenstown */
    {"ZRH", "CH"}, /* Zurich */
    {"ZYL", "BD"}, /* Sylhet */
};
const size_t rd_iata_count = COUNT_OF(rd_iata);

/* Cities, in English and local spellings, with and without accents
 * (status pages write both, and sometimes neither: "Sāo Paulo"). An
 * ambiguous name goes to the city most status pages mean: San Jose is
 * California's, San José is Costa Rica's, Santiago is Chile's, Valencia
 * is Spain's, Birmingham and London are England's. */
const struct rd_key rd_cities[] = {
    {"Aarhus", "DK"},
    {"Abidjan", "CI"},
    {"Abu Dhabi", "AE"},
    {"Abuja", "NG"},
    {"Accra", "GH"},
    {"Addis Ababa", "ET"},
    {"Adelaide", "AU"},
    {"Ahmedabad", "IN"},
    {"Albuquerque", "US"},
    {"Alexandria", "EG"},
    {"Algiers", "DZ"},
    {"Alicante", "ES"},
    {"Almaty", "KZ"},
    {"Amman", "JO"},
    {"Amsterdam", "NL"},
    {"Anchorage", "US"},
    {"Ankara", "TR"},
    {"Antalya", "TR"},
    {"Antananarivo", "MG"},
    {"Antwerp", "BE"},
    {"Antwerpen", "BE"},
    {"Apia", "WS"},
    {"Ashburn", "US"},
    {"Ashgabat", "TM"},
    {"Astana", "KZ"},
    {"Asuncion", "PY"},
    {"Asunción", "PY"},
    {"Athens", "GR"},
    {"Atlanta", "US"},
    {"Auckland", "NZ"},
    {"Austin", "US"},
    {"Baghdad", "IQ"},
    {"Baku", "AZ"},
    {"Bali", "ID"},
    {"Baltimore", "US"},
    {"Bamako", "ML"},
    {"Bandar Seri Begawan", "BN"},
    {"Bangalore", "IN"},
    {"Bangkok", "TH"},
    {"Bangor", "US"},
    {"Banjul", "GM"},
    {"Barcelona", "ES"},
    {"Bari", "IT"},
    {"Barranquilla", "CO"},
    {"Basel", "CH"},
    {"Basra", "IQ"},
    {"Batam", "ID"},
    {"Beijing", "CN"},
    {"Beirut", "LB"},
    {"Belem", "BR"},
    {"Belfast", "GB"},
    {"Belgrade", "RS"},
    {"Belize City", "BZ"},
    {"Belo Horizonte", "BR"},
    {"Belém", "BR"},
    {"Bengaluru", "IN"},
    {"Beograd", "RS"},
    {"Bergen", "NO"},
    {"Berlin", "DE"},
    {"Bern", "CH"},
    {"Bhubaneswar", "IN"},
    {"Bilbao", "ES"},
    {"Birmingham", "GB"},
    {"Birmingham, Alabama", "US"},
    {"Bishkek", "KG"},
    {"Boardman", "US"},
    {"Bogota", "CO"},
    {"Bogotá", "CO"},
    {"Boise", "US"},
    {"Bologna", "IT"},
    {"Bombay", "IN"},
    {"Bordeaux", "FR"},
    {"Boston", "US"},
    {"Brasilia", "BR"},
    {"Brasília", "BR"},
    {"Bratislava", "SK"},
    {"Brazzaville", "CG"},
    {"Bremen", "DE"},
    {"Bridgetown", "BB"},
    {"Brisbane", "AU"},
    {"Bristol", "GB"},
    {"Brno", "CZ"},
    {"Brussel", "BE"},
    {"Brussels", "BE"},
    {"Bruxelles", "BE"},
    {"Bucharest", "RO"},
    {"Bucuresti", "RO"},
    {"București", "RO"},
    {"Budapest", "HU"},
    {"Buenos Aires", "AR"},
    {"Buffalo", "US"},
    {"Busan", "KR"},
    {"Cairo", "EG"},
    {"Calcutta", "IN"},
    {"Calgary", "CA"},
    {"Cali", "CO"},
    {"Campinas", "BR"},
    {"Canberra", "AU"},
    {"Cancun", "MX"},
    {"Cancún", "MX"},
    {"Cape Town", "ZA"},
    {"Caracas", "VE"},
    {"Cardiff", "GB"},
    {"Casablanca", "MA"},
    {"Catania", "IT"},
    {"Cayenne", "GF"},
    {"Cebu", "PH"},
    {"Cebu City", "PH"},
    {"Chandigarh", "IN"},
    {"Changhua", "TW"},
    {"Changsha", "CN"},
    {"Charlotte", "US"},
    {"Chengdu", "CN"},
    {"Chennai", "IN"},
    {"Chiang Mai", "TH"},
    {"Chicago", "US"},
    {"Chisinau", "MD"},
    {"Chittagong", "BD"},
    {"Chișinău", "MD"},
    {"Chongqing", "CN"},
    {"Christchurch", "NZ"},
    {"Chuncheon", "KR"},
    {"Cincinnati", "US"},
    {"Ciudad de Mexico", "MX"},
    {"Ciudad de México", "MX"},
    {"Cleveland", "US"},
    {"Cluj-Napoca", "RO"},
    {"Cochin", "IN"},
    {"Cologne", "DE"},
    {"Colombo", "LK"},
    {"Columbus", "US"},
    {"Conakry", "GN"},
    {"Copenhagen", "DK"},
    {"Cordoba", "AR"},
    {"Cork", "IE"},
    {"Cotonou", "BJ"},
    {"Council Bluffs", "US"},
    {"Cracow", "PL"},
    {"Curitiba", "BR"},
    {"Cyberjaya", "MY"},
    {"Córdoba", "AR"},
    {"Da Nang", "VN"},
    {"Daegu", "KR"},
    {"Dakar", "SN"},
    {"Dalian", "CN"},
    {"Dallas", "US"},
    {"Dallas-Fort Worth", "US"},
    {"Damascus", "SY"},
    {"Dammam", "SA"},
    {"Dar es Salaam", "TZ"},
    {"Darwin", "AU"},
    {"Davao", "PH"},
    {"Delhi", "IN"},
    {"Den Haag", "NL"},
    {"Denpasar", "ID"},
    {"Denver", "US"},
    {"Des Moines", "US"},
    {"Detroit", "US"},
    {"Dhaka", "BD"},
    {"Djibouti City", "DJ"},
    {"Doha", "QA"},
    {"Dortmund", "DE"},
    {"Douala", "CM"},
    {"Dresden", "DE"},
    {"Dubai", "AE"},
    {"Dublin", "IE"},
    {"Duesseldorf", "DE"},
    {"Durban", "ZA"},
    {"Durham", "US"},
    {"Dushanbe", "TJ"},
    {"Dusseldorf", "DE"},
    {"Düsseldorf", "DE"},
    {"Edinburgh", "GB"},
    {"Edmonton", "CA"},
    {"Eemshaven", "NL"},
    {"Eindhoven", "NL"},
    {"Ekaterinburg", "RU"},
    {"Erbil", "IQ"},
    {"Firenze", "IT"},
    {"Florence", "IT"},
    {"Florianopolis", "BR"},
    {"Florianópolis", "BR"},
    {"Fort Lauderdale", "US"},
    {"Fort Worth", "US"},
    {"Fortaleza", "BR"},
    {"Frankfurt", "DE"},
    {"Frankfurt am Main", "DE"},
    {"Freetown", "SL"},
    {"Fremont", "US"},
    {"Fresno", "US"},
    {"Fujairah", "AE"},
    {"Fukuoka", "JP"},
    {"Gaborone", "BW"},
    {"Gdansk", "PL"},
    {"Gdańsk", "PL"},
    {"Geneva", "CH"},
    {"Geneve", "CH"},
    {"Genoa", "IT"},
    {"Genève", "CH"},
    {"Georgetown", "GY"},
    {"Ghent", "BE"},
    {"Gibraltar", "GI"},
    {"Glasgow", "GB"},
    {"Goiania", "BR"},
    {"Goiânia", "BR"},
    {"Gold Coast", "AU"},
    {"Goteborg", "SE"},
    {"Gothenburg", "SE"},
    {"Graz", "AT"},
    {"Groningen", "NL"},
    {"Guadalajara", "MX"},
    {"Guangzhou", "CN"},
    {"Guatemala City", "GT"},
    {"Guayaquil", "EC"},
    {"Gurgaon", "IN"},
    {"Gurugram", "IN"},
    {"Guwahati", "IN"},
    {"Göteborg", "SE"},
    {"Ha Noi", "VN"},
    {"Hagatna", "GU"},
    {"Hagåtña", "GU"},
    {"Haifa", "IL"},
    {"Halifax", "CA"},
    {"Hamburg", "DE"},
    {"Hamilton, Bermuda", "BM"},
    {"Hamina", "FI"},
    {"Hangzhou", "CN"},
    {"Hannover", "DE"},
    {"Hanoi", "VN"},
    {"Hanover", "DE"},
    {"Harare", "ZW"},
    {"Harbin", "CN"},
    {"Hartford", "US"},
    {"Havana", "CU"},
    {"Helsinki", "FI"},
    {"Hillsboro", "US"},
    {"Hiroshima", "JP"},
    {"Ho Chi Minh City", "VN"},
    {"Hobart", "AU"},
    {"Hong Kong", "HK"},
    {"Honolulu", "US"},
    {"Houston", "US"},
    {"Hyderabad", "IN"},
    {"Incheon", "KR"},
    {"Indianapolis", "US"},
    {"Innsbruck", "AT"},
    {"Isfahan", "IR"},
    {"Islamabad", "PK"},
    {"Istanbul", "TR"},
    {"Izmir", "TR"},
    {"Jacksonville", "US"},
    {"Jaipur", "IN"},
    {"Jakarta", "ID"},
    {"Jamnagar", "IN"},
    {"Jeddah", "SA"},
    {"Jerusalem", "IL"},
    {"Johannesburg", "ZA"},
    {"Johor Bahru", "MY"},
    {"Kabul", "AF"},
    {"Kaliningrad", "RU"},
    {"Kampala", "UG"},
    {"Kansas City", "US"},
    {"Kaohsiung", "TW"},
    {"Karachi", "PK"},
    {"Kathmandu", "NP"},
    {"Katowice", "PL"},
    {"Kazan", "RU"},
    {"Khabarovsk", "RU"},
    {"Kharkiv", "UA"},
    {"Khartoum", "SD"},
    {"Kiev", "UA"},
    {"Kigali", "RW"},
    {"Kingston", "JM"},
    {"Kinshasa", "CD"},
    {"Kobe", "JP"},
    {"Kobenhavn", "DK"},
    {"Kochi", "IN"},
    {"Koeln", "DE"},
    {"Kolkata", "IN"},
    {"Krakow", "PL"},
    {"Kraków", "PL"},
    {"Krasnoyarsk", "RU"},
    {"Kuala Lumpur", "MY"},
    {"Kunming", "CN"},
    {"Kuwait City", "KW"},
    {"Kyiv", "UA"},
    {"Kyoto", "JP"},
    {"Köln", "DE"},
    {"København", "DK"},
    {"La Habana", "CU"},
    {"La Paz", "BO"},
    {"Lagos", "NG"},
    {"Lahore", "PK"},
    {"Larnaca", "CY"},
    {"Las Palmas", "ES"},
    {"Las Vegas", "US"},
    {"Lausanne", "CH"},
    {"Leeds", "GB"},
    {"Leipzig", "DE"},
    {"Libreville", "GA"},
    {"Liege", "BE"},
    {"Lille", "FR"},
    {"Lima", "PE"},
    {"Limassol", "CY"},
    {"Lisboa", "PT"},
    {"Lisbon", "PT"},
    {"Liverpool", "GB"},
    {"Liège", "BE"},
    {"Ljubljana", "SI"},
    {"Lodz", "PL"},
    {"Lome", "TG"},
    {"Lomé", "TG"},
    {"London", "GB"},
    {"Los Angeles", "US"},
    {"Louisville", "US"},
    {"Luanda", "AO"},
    {"Lubumbashi", "CD"},
    {"Lucknow", "IN"},
    {"Lusaka", "ZM"},
    {"Luxembourg City", "LU"},
    {"Lviv", "UA"},
    {"Lyon", "FR"},
    {"Lyons", "FR"},
    {"Macau", "MO"},
    {"Madras", "IN"},
    {"Madrid", "ES"},
    {"Malaga", "ES"},
    {"Malmo", "SE"},
    {"Malmö", "SE"},
    {"Malé", "MV"},
    {"Managua", "NI"},
    {"Manama", "BH"},
    {"Manaus", "BR"},
    {"Manchester", "GB"},
    {"Manila", "PH"},
    {"Maputo", "MZ"},
    {"Marrakech", "MA"},
    {"Marrakesh", "MA"},
    {"Marseille", "FR"},
    {"Marseilles", "FR"},
    {"Mashhad", "IR"},
    {"McAllen", "US"},
    {"Mecca", "SA"},
    {"Medan", "ID"},
    {"Medellin", "CO"},
    {"Medellín", "CO"},
    {"Medina", "SA"},
    {"Melbourne", "AU"},
    {"Memphis", "US"},
    {"Mendoza", "AR"},
    {"Merida", "MX"},
    {"Mexico City", "MX"},
    {"Miami", "US"},
    {"Milan", "IT"},
    {"Milano", "IT"},
    {"Milwaukee", "US"},
    {"Minneapolis", "US"},
    {"Minsk", "BY"},
    {"Mogadishu", "SO"},
    {"Mombasa", "KE"},
    {"Monrovia", "LR"},
    {"Monterrey", "MX"},
    {"Montevideo", "UY"},
    {"Montpellier", "FR"},
    {"Montreal", "CA"},
    {"Montréal", "CA"},
    {"Moscow", "RU"},
    {"Moskva", "RU"},
    {"Mountain View", "US"},
    {"Muenchen", "DE"},
    {"Mumbai", "IN"},
    {"Munich", "DE"},
    {"Muscat", "OM"},
    {"Málaga", "ES"},
    {"Mérida", "MX"},
    {"München", "DE"},
    {"Nadi", "FJ"},
    {"Nagoya", "JP"},
    {"Nagpur", "IN"},
    {"Naha", "JP"},
    {"Nairobi", "KE"},
    {"Nanjing", "CN"},
    {"Nantes", "FR"},
    {"Naples", "IT"},
    {"Napoli", "IT"},
    {"Nashville", "US"},
    {"Nassau", "BS"},
    {"New Delhi", "IN"},
    {"New Orleans", "US"},
    {"New York", "US"},
    {"New York City", "US"},
    {"Newark", "US"},
    {"Newcastle", "GB"},
    {"Niamey", "NE"},
    {"Nicosia", "CY"},
    {"Ningxia", "CN"},
    {"Noida", "IN"},
    {"Norfolk", "US"},
    {"Nouakchott", "MR"},
    {"Noumea", "NC"},
    {"Nouméa", "NC"},
    {"Novosibirsk", "RU"},
    {"Nuernberg", "DE"},
    {"Nuremberg", "DE"},
    {"Nuuk", "GL"},
    {"NYC", "US"},
    {"Nürnberg", "DE"},
    {"Odesa", "UA"},
    {"Odessa", "UA"},
    {"Okinawa", "JP"},
    {"Oklahoma City", "US"},
    {"Omaha", "US"},
    {"Oporto", "PT"},
    {"Orlando", "US"},
    {"Osaka", "JP"},
    {"Oslo", "NO"},
    {"Ottawa", "CA"},
    {"Ouagadougou", "BF"},
    {"Palermo", "IT"},
    {"Palma", "ES"},
    {"Palma de Mallorca", "ES"},
    {"Palo Alto", "US"},
    {"Panama City", "PA"},
    {"Papeete", "PF"},
    {"Paramaribo", "SR"},
    {"Paris", "FR"},
    {"Patna", "IN"},
    {"Penang", "MY"},
    {"Perth", "AU"},
    {"Philadelphia", "US"},
    {"Phnom Penh", "KH"},
    {"Phoenix", "US"},
    {"Phuket", "TH"},
    {"Piscataway", "US"},
    {"Pittsburgh", "US"},
    {"Podgorica", "ME"},
    {"Port Louis", "MU"},
    {"Port Moresby", "PG"},
    {"Port of Spain", "TT"},
    {"Port-au-Prince", "HT"},
    {"Portland", "US"},
    {"Porto", "PT"},
    {"Porto Alegre", "BR"},
    {"Poznan", "PL"},
    {"Poznań", "PL"},
    {"Prague", "CZ"},
    {"Praha", "CZ"},
    {"Pretoria", "ZA"},
    {"Providence", "US"},
    {"Puebla", "MX"},
    {"Pune", "IN"},
    {"Qingdao", "CN"},
    {"Quebec City", "CA"},
    {"Queretaro", "MX"},
    {"Querétaro", "MX"},
    {"Quezon City", "PH"},
    {"Quincy", "US"},
    {"Quito", "EC"},
    {"Québec", "CA"},
    {"Québec City", "CA"},
    {"Rabat", "MA"},
    {"Raleigh", "US"},
    {"Rangoon", "MM"},
    {"Recife", "BR"},
    {"Regina", "CA"},
    {"Rennes", "FR"},
    {"Reno", "US"},
    {"Reston", "US"},
    {"Reykjavik", "IS"},
    {"Reykjavík", "IS"},
    {"Richmond", "US"},
    {"Riga", "LV"},
    {"Rio de Janeiro", "BR"},
    {"Riyadh", "SA"},
    {"Roma", "IT"},
    {"Rome", "IT"},
    {"Rosario", "AR"},
    {"Rostov-on-Don", "RU"},
    {"Rotterdam", "NL"},
    {"Sacramento", "US"},
    {"Saigon", "VN"},
    {"Saint Louis", "US"},
    {"Saint Petersburg", "RU"},
    {"Saint-Denis", "RE"},
    {"Saipan", "MP"},
    {"Salt Lake City", "US"},
    {"Salvador", "BR"},
    {"Salzburg", "AT"},
    {"Samara", "RU"},
    {"San Antonio", "US"},
    {"San Diego", "US"},
    {"San Francisco", "US"},
    {"San Francisco Bay Area", "US"},
    {"San Jose", "US"},
    {"San José", "CR"},
    {"San Juan", "PR"},
    {"San Pedro Sula", "HN"},
    {"San Salvador", "SV"},
    {"Sana'a", "YE"},
    {"Sanaa", "YE"},
    {"Santa Clara", "US"},
    {"Santa Cruz de la Sierra", "BO"},
    {"Santiago", "CL"},
    {"Santiago de Chile", "CL"},
    {"Santo Domingo", "DO"},
    {"Sao Paulo", "BR"},
    {"Sapporo", "JP"},
    {"Sarajevo", "BA"},
    {"Saskatoon", "CA"},
    {"Seattle", "US"},
    {"Secaucus", "US"},
    {"Sendai", "JP"},
    {"Seoul", "KR"},
    {"Sevilla", "ES"},
    {"Seville", "ES"},
    {"Shanghai", "CN"},
    {"Sharjah", "AE"},
    {"Shenyang", "CN"},
    {"Shenzhen", "CN"},
    {"Silicon Valley", "US"},
    {"Singapore", "SG"},
    {"Sioux Falls", "US"},
    {"Skopje", "MK"},
    {"Slough", "GB"},
    {"Sofia", "BG"},
    {"Spokane", "US"},
    {"St Louis", "US"},
    {"St Petersburg", "RU"},
    {"St. Louis", "US"},
    {"St. Petersburg", "RU"},
    {"Stavanger", "NO"},
    {"Stockholm", "SE"},
    {"Strasbourg", "FR"},
    {"Stuttgart", "DE"},
    {"Sunnyvale", "US"},
    {"Surabaya", "ID"},
    {"Suva", "FJ"},
    {"Sydney", "AU"},
    {"São Paulo", "BR"},
    {"Sāo Paulo", "BR"},
    {"Taichung", "TW"},
    {"Taipei", "TW"},
    {"Tallahassee", "US"},
    {"Tallinn", "EE"},
    {"Tampa", "US"},
    {"Tampere", "FI"},
    {"Tashkent", "UZ"},
    {"Tbilisi", "GE"},
    {"Tegucigalpa", "HN"},
    {"Tehran", "IR"},
    {"Tel Aviv", "IL"},
    {"Tel Aviv-Yafo", "IL"},
    {"The Hague", "NL"},
    {"Thessaloniki", "GR"},
    {"Thimphu", "BT"},
    {"Thiruvananthapuram", "IN"},
    {"Tianjin", "CN"},
    {"Tijuana", "MX"},
    {"Tirana", "AL"},
    {"Tokyo", "JP"},
    {"Torino", "IT"},
    {"Toronto", "CA"},
    {"Toulouse", "FR"},
    {"Tripoli", "LY"},
    {"Tucson", "US"},
    {"Tulsa", "US"},
    {"Tunis", "TN"},
    {"Turin", "IT"},
    {"Ulaanbaatar", "MN"},
    {"Ulan Bator", "MN"},
    {"Utrecht", "NL"},
    {"Valencia", "ES"},
    {"Valletta", "MT"},
    {"Vancouver", "CA"},
    {"Venezia", "IT"},
    {"Venice", "IT"},
    {"Vienna", "AT"},
    {"Vientiane", "LA"},
    {"Vilnius", "LT"},
    {"Vladivostok", "RU"},
    {"Warsaw", "PL"},
    {"Warszawa", "PL"},
    {"Washington", "US"},
    {"Washington D.C.", "US"},
    {"Washington DC", "US"},
    {"Washington, D.C.", "US"},
    {"Wellington", "NZ"},
    {"Wien", "AT"},
    {"Willemstad", "CW"},
    {"Windhoek", "NA"},
    {"Winnipeg", "CA"},
    {"Wroclaw", "PL"},
    {"Wrocław", "PL"},
    {"Wuhan", "CN"},
    {"Xi'an", "CN"},
    {"Xiamen", "CN"},
    {"Xian", "CN"},
    {"Yangon", "MM"},
    {"Yaounde", "CM"},
    {"Yaoundé", "CM"},
    {"Yekaterinburg", "RU"},
    {"Yerevan", "AM"},
    {"Yogyakarta", "ID"},
    {"Yokohama", "JP"},
    {"Zagreb", "HR"},
    {"Zaragoza", "ES"},
    {"Zhengzhou", "CN"},
    {"Zhongwei", "CN"},
    {"Zurich", "CH"},
    {"Zürich", "CH"},
    {"İstanbul", "TR"},
    {"İzmir", "TR"},
    {"Łódź", "PL"},
    {"Ōsaka", "JP"},
};
const size_t rd_city_count = COUNT_OF(rd_cities);
