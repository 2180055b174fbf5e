# The include direction between the modules (STYLE.md habit 12: layers point one way). Run by
# CTest as `cmake -DSOURCE_DIR=<repository> -P tests/include_rules.cmake`; fails listing every
# quoted #include that breaks a rule below, and every listed exception that is no longer needed.
#
# Layers, lowest first: text and stats; the plain types of include/labsim; model; engine; io;
# explore, report, calibrate; cli. A public header belongs to the layer that defines it:
# training.hpp to the model, engine.hpp to the engine, loader.hpp and writers.hpp to io,
# explore.hpp, report.hpp and calibrate.hpp to their modules; the others declare plain types any
# layer may use.
cmake_minimum_required(VERSION 3.25)
if(NOT DEFINED SOURCE_DIR)
  message(FATAL_ERROR "usage: cmake -DSOURCE_DIR=<repository> -P include_rules.cmake")
endif()

# Known exceptions, each "FILE>HEADER" with its reason. A test that lists an exception the
# sources no longer need fails too, so the list only shrinks. None is needed at present.
set(exceptions "")
macro(allow file header reason)
  list(APPEND exceptions "${file}>${header}")
endmacro()

set(problems "")
set(used "")

# Every quoted include of the files directly in DIR (relative to the repository), as FILE>HEADER.
function(includes_of dir out)
  file(GLOB files RELATIVE "${SOURCE_DIR}" "${SOURCE_DIR}/${dir}/*.hpp" "${SOURCE_DIR}/${dir}/*.cpp")
  set(pairs "")
  foreach(f IN LISTS files)
    file(STRINGS "${SOURCE_DIR}/${f}" lines REGEX "^[ \t]*#[ \t]*include[ \t]*\"")
    foreach(line IN LISTS lines)
      string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]*\"([^\"]+)\".*" "\\1" header "${line}")
      list(APPEND pairs "${f}>${header}")
    endforeach()
  endforeach()
  set(${out} "${pairs}" PARENT_SCOPE)
endfunction()

# check(DIR ONLY|NEVER PREFIX...): the files in DIR include only (ONLY) or never (NEVER) headers
# whose path starts with one of the prefixes.
macro(check dir mode)
  set(prefixes ${ARGN})
  includes_of("${dir}" pairs)
  foreach(pair IN LISTS pairs)
    string(REPLACE ">" ";" parts "${pair}")
    list(GET parts 0 file)
    list(GET parts 1 header)
    set(matched FALSE)
    foreach(prefix IN LISTS prefixes)
      string(FIND "${header}" "${prefix}" at)
      if(at EQUAL 0)
        set(matched TRUE)
      endif()
    endforeach()
    if(("${mode}" STREQUAL "ONLY" AND NOT matched) OR ("${mode}" STREQUAL "NEVER" AND matched))
      if(pair IN_LIST exceptions)
        list(APPEND used "${pair}")
      else()
        list(JOIN prefixes ", " named)
        if("${mode}" STREQUAL "ONLY")
          list(APPEND problems "${file} includes ${header}: ${dir} may include only ${named}")
        else()
          list(APPEND problems "${file} includes ${header}: ${dir} may not include ${named}")
        endif()
      endif()
    endif()
  endforeach()
endmacro()

set(kAboveEngine io/ explore/ report/ calibrate/ cli/
    labsim/loader.hpp labsim/writers.hpp labsim/explore.hpp labsim/report.hpp labsim/calibrate.hpp)
set(kAboveIo explore/ report/ calibrate/ cli/ labsim/explore.hpp labsim/report.hpp labsim/calibrate.hpp)

check(sim/text ONLY text/)
check(sim/stats ONLY stats/ labsim/uncertain.hpp)
check(include/labsim ONLY labsim/)
check(sim/model NEVER ${kAboveEngine} labsim/engine.hpp)
check(sim NEVER ${kAboveEngine})  # the engine, and the sources of the plain types' headers
check(sim/io NEVER ${kAboveIo})
check(sim/explore NEVER report/ calibrate/ cli/ labsim/report.hpp labsim/calibrate.hpp)
check(sim/report NEVER calibrate/ cli/ labsim/calibrate.hpp)
# The render module (labsim_render.so) is built from its own files and the plain chart and
# document types only: whatever else it included it would have to link.
check(sim/report/cairo ONLY report/cairo/ report/chart.hpp report/document.hpp report/render_api.hpp)
check(sim/calibrate NEVER report/ cli/ labsim/report.hpp)
check(sim/cli ONLY labsim/ cli/)
check(sim/serve NEVER cli/)  # the explorer's API: above every module but the command line

foreach(pair IN LISTS exceptions)
  if(NOT pair IN_LIST used)
    list(APPEND problems "the exception ${pair} is no longer needed: remove it from include_rules.cmake")
  endif()
endforeach()
if(problems)
  list(JOIN problems "\n  " text)
  message(FATAL_ERROR "include rules broken:\n  ${text}")
endif()
