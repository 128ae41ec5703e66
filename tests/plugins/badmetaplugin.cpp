#include "badmetaplugin.h"
