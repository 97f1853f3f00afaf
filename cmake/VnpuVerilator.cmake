# vnpu_verilated_model(<lib> PREFIX <Vname> TOP <module> SOURCES <rtl...> [ARGS <verilator args...>])
#
# Adds one Verilator 5.006 --cc model to the static library <lib> (created on
# first use; every model of one library shares one copy of the Verilator
# runtime, so link one such library per executable). Follows
# ../shared/reference/toolchain-notes.md: VM_SC/VM_TRACE exported PUBLIC,
# Verilator headers as SYSTEM includes (our -Wall -Werror stays on our code),
# VERILATOR_CFLAGS applied to the generated code, and the generated code
# optimised in Debug builds (-O0 models are ~30x slower).
set(VNPU_VERILATOR_ARGS --x-assign fast --x-initial fast)

function(vnpu_verilated_model LIB)
  cmake_parse_arguments(A "" "PREFIX;TOP" "SOURCES;ARGS" ${ARGN})
  if(NOT TARGET ${LIB})
    add_library(${LIB} STATIC)
    target_compile_options(${LIB} PRIVATE ${VERILATOR_CFLAGS} -Wno-pedantic -Wno-format)
    target_compile_definitions(${LIB} PUBLIC VM_SC=0 VM_TRACE=0)
    set_property(TARGET ${LIB} APPEND PROPERTY INTERFACE_SYSTEM_INCLUDE_DIRECTORIES
                 ${VERILATOR_ROOT}/include ${VERILATOR_ROOT}/include/vltstd)
  endif()
  set(opt "")
  if(CMAKE_BUILD_TYPE STREQUAL "Debug")
    set(opt OPT_FAST -O1 OPT_SLOW -O1 OPT_GLOBAL -O1)
  endif()
  set(dir ${CMAKE_CURRENT_BINARY_DIR}/verilated/${A_PREFIX})
  verilate(${LIB} PREFIX ${A_PREFIX} TOP_MODULE ${A_TOP} DIRECTORY ${dir}
           SOURCES ${A_SOURCES} VERILATOR_ARGS ${VNPU_VERILATOR_ARGS} ${A_ARGS} ${opt})
  set_property(TARGET ${LIB} APPEND PROPERTY INTERFACE_SYSTEM_INCLUDE_DIRECTORIES ${dir})
endfunction()
