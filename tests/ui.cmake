# Desktop UI suites (issue 5). GUI suites run offscreen.
candlewick_add_test(tst_chart GUI SOURCES tst_chart.cpp LIBS Candlewick::Ui)
candlewick_add_test(tst_resampler SOURCES tst_resampler.cpp LIBS Candlewick::Models)
candlewick_add_test(tst_candletablemodel SOURCES tst_candletablemodel.cpp LIBS Candlewick::Models)
candlewick_add_test(tst_mainwindow GUI SOURCES tst_mainwindow.cpp
    LIBS Candlewick::Ui candlewick_fakerest candlewick_fakews)
if(TARGET sma_cross)
    add_dependencies(tst_mainwindow sma_cross)
endif()
candlewick_add_test(tst_translations SOURCES tst_translations.cpp LIBS Candlewick::Ui)
target_compile_definitions(tst_translations PRIVATE
    CANDLEWICK_TRANSLATIONS_DIR="${CMAKE_CURRENT_LIST_DIR}/../translations")
if(TARGET candlewick)
    candlewick_add_test(tst_uiapp SOURCES tst_uiapp.cpp LIBS Qt6::Gui)
    add_dependencies(tst_uiapp candlewick)
    target_compile_definitions(tst_uiapp PRIVATE CANDLEWICK_GUI_EXECUTABLE="$<TARGET_FILE:candlewick>")
endif()
