# bo_warnings: the warning set every target of ours builds with, as errors (STYLE.md).
add_library(bo_warnings INTERFACE)
target_compile_options(bo_warnings INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wold-style-cast
    -Wnon-virtual-dtor -Woverloaded-virtual -Wimplicit-fallthrough -Werror)

# bo_add_layer(NAME DIR DEPS...): a static library from every .cpp under src/DIR.
function(bo_add_layer name dir)
    file(GLOB_RECURSE sources CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/src/${dir}/*.cpp")
    if(NOT sources)  # a layer with headers only (so far)
        add_library(${name} INTERFACE)
        target_include_directories(${name} INTERFACE "${PROJECT_SOURCE_DIR}/src")
        target_link_libraries(${name} INTERFACE ${ARGN})
        return()
    endif()
    add_library(${name} STATIC ${sources})
    target_include_directories(${name} PUBLIC "${PROJECT_SOURCE_DIR}/src")
    target_link_libraries(${name} PUBLIC ${ARGN} PRIVATE bo_warnings)
endfunction()
