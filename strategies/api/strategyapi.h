#pragma once

// Everything a strategy plugin includes.
#include "strategy.h"
#include "strategycontext.h"
#include "strategyfactory.h"
#include "strategytypes.h"
