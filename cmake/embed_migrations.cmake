# bo_embed_migrations(TARGET): a library whose bo::schema::migrations() returns every
# src/**/schema/NNNN_name.sql file, embedded byte for byte, so that the binary needs no files
# at run time. Adding or editing a .sql file regenerates the source.
function(bo_embed_migrations target)
    # GLOB's `*` does not cross `/`, so glob every .sql under src/ and keep those in a schema/.
    file(GLOB_RECURSE all_sql CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/src/*.sql")
    set(sql_files "")
    foreach(path IN LISTS all_sql)
        if(path MATCHES "/schema/[^/]+\\.sql$")
            list(APPEND sql_files "${path}")
        endif()
    endforeach()
    list(SORT sql_files)
    # The list travels in a file: a `;`-separated list on a command line would be split.
    set(list_file "${CMAKE_CURRENT_BINARY_DIR}/generated/migration_files.txt")
    file(CONFIGURE OUTPUT "${list_file}" CONTENT "${sql_files}")
    set(output "${CMAKE_CURRENT_BINARY_DIR}/generated/embedded_migrations.cpp")
    add_custom_command(
        OUTPUT "${output}"
        COMMAND "${CMAKE_COMMAND}" "-DOUTPUT=${output}" "-DLIST_FILE=${list_file}"
                -P "${PROJECT_SOURCE_DIR}/cmake/generate_migrations.cmake"
        DEPENDS ${sql_files} "${list_file}" "${PROJECT_SOURCE_DIR}/cmake/generate_migrations.cmake"
        COMMENT "Embedding SQL migrations"
        VERBATIM)
    add_library(${target} STATIC "${output}")
    target_include_directories(${target} PUBLIC "${PROJECT_SOURCE_DIR}/src")
    target_link_libraries(${target} PUBLIC bo_store)
endfunction()
