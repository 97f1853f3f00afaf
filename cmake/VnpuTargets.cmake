# Build conventions shared by every vnpu target.
#
# vnpu_library(<name> SOURCES ... [DEPS ...])   static library of our own code
# vnpu_test(<name> SOURCES ... [DEPS ...] LABELS ...)   GoogleTest binary run by ctest

set(VNPU_WARNINGS -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion -Werror
    # GCC 12 -O3 false positive on std::vector<int8_t> (toolchain-notes.md, pitfall 11).
    -Wno-free-nonheap-object)

set(VNPU_SANITIZER_FLAGS "")
if(VNPU_SANITIZE)
  set(VNPU_SANITIZER_FLAGS -fsanitize=address,undefined -fno-sanitize-recover=all
      -fno-omit-frame-pointer)
  add_compile_options(${VNPU_SANITIZER_FLAGS})
  add_link_options(${VNPU_SANITIZER_FLAGS})
endif()

function(vnpu_apply_conventions target)
  target_compile_options(${target} PRIVATE ${VNPU_WARNINGS})
  target_include_directories(${target} PUBLIC ${PROJECT_SOURCE_DIR})
endfunction()

function(vnpu_library name)
  cmake_parse_arguments(A "" "" "SOURCES;DEPS" ${ARGN})
  add_library(${name} STATIC ${A_SOURCES})
  vnpu_apply_conventions(${name})
  target_link_libraries(${name} PUBLIC ${A_DEPS})
endfunction()

function(vnpu_test name)
  cmake_parse_arguments(A "" "TIMEOUT" "SOURCES;DEPS;LABELS" ${ARGN})
  if(NOT A_TIMEOUT)
    set(A_TIMEOUT 300)
  endif()
  add_executable(${name} ${A_SOURCES})
  vnpu_apply_conventions(${name})
  target_link_libraries(${name} PRIVATE ${A_DEPS} GTest::gtest GTest::gtest_main)
  target_compile_definitions(${name} PRIVATE
      VNPU_SHARED_MODELS_DIR="${VNPU_SHARED_MODELS_DIR}"
      VNPU_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
      VNPU_BINARY_DIR="${PROJECT_BINARY_DIR}")
  gtest_discover_tests(${name}
      PROPERTIES TIMEOUT ${A_TIMEOUT}
      DISCOVERY_TIMEOUT 60)
  # gtest_discover_tests cannot pass a list-valued property (the semicolons are
  # lost), so the labels are set by a script ctest runs after loading the tests.
  set(label_script ${CMAKE_CURRENT_BINARY_DIR}/${name}_labels.cmake)
  file(WRITE ${label_script}
       "if(DEFINED ${name}_TESTS)\n"
       "  set_tests_properties(\${${name}_TESTS} PROPERTIES LABELS \"${A_LABELS}\")\n"
       "endif()\n")
  set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES ${label_script})
endfunction()
