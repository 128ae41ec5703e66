#include "noopplugin.h"
