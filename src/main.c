/* sitrep: a terminal outage dashboard. Everything lives in libsitrep. */
#include "config.h"

#include "sitrep/app.h"

int main(int argc, char **argv)
{
    return app_main(argc, argv);
}
