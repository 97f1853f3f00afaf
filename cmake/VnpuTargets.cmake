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

# VNPU_FUZZ: libFuzzer harnesses (fuzz/). Every library gets the coverage
# instrumentation without libFuzzer's main; the harnesses link it (fuzz/CMakeLists.txt).
if(VNPU_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang" OR NOT CMAKE_C_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "VNPU_FUZZ=ON needs Clang for C and C++ (libFuzzer); configure with "
                        "CC=clang-14 CXX=clang++-14")
  endif()
  set(VNPU_FUZZ_FLAGS -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all
      -fno-omit-frame-pointer -g)
  add_compile_options(${VNPU_FUZZ_FLAGS})
  add_link_options(-fsanitize=address,undefined)
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

# SYSTEMC_MAIN: the binary links libsystemc, whose main() runs sc_main(); one
# of its SOURCES defines sc_main to run the tests, so gtest_main is not linked.
function(vnpu_test name)
  cmake_parse_arguments(A "SYSTEMC_MAIN" "TIMEOUT" "SOURCES;DEPS;LABELS" ${ARGN})
  if(NOT A_TIMEOUT)
    set(A_TIMEOUT 300)
  endif()
  add_executable(${name} ${A_SOURCES})
  vnpu_apply_conventions(${name})
  if(A_SYSTEMC_MAIN)
    target_link_libraries(${name} PRIVATE ${A_DEPS} GTest::gtest)
  else()
    target_link_libraries(${name} PRIVATE ${A_DEPS} GTest::gtest GTest::gtest_main)
  endif()
  target_compile_definitions(${name} PRIVATE
      VNPU_SHARED_MODELS_DIR="${VNPU_SHARED_MODELS_DIR}"
      VNPU_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
      VNPU_BINARY_DIR="${PROJECT_BINARY_DIR}")
  set(environment "")
  if(A_SYSTEMC_MAIN)
    set(environment ENVIRONMENT SYSTEMC_DISABLE_COPYRIGHT_MESSAGE=1)
  endif()
  gtest_discover_tests(${name}
      PROPERTIES TIMEOUT ${A_TIMEOUT} ${environment}
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
