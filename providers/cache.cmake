target_sources(candlewick_providers PRIVATE
    historycache.h historycache.cpp
    providerfactory.h providerfactory.cpp
    storewriter.h storewriter.cpp
    symbolcatalog.h symbolcatalog.cpp
)
