#include "badplotplugin.h"
