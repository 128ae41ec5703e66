candlewick_add_test(tst_historycache SOURCES tst_historycache.cpp
    LIBS Candlewick::Providers Candlewick::FakeRest)
