#include "throwingplugin.h"
