# bo_embed_text(TARGET FUNCTION FILE): a library defining `std::string_view FUNCTION()` in
# namespace bo::embedded that returns FILE's bytes, regenerated whenever FILE changes.
function(bo_embed_text target function file)
    set(output "${CMAKE_CURRENT_BINARY_DIR}/generated/${function}.cpp")
    add_custom_command(
        OUTPUT "${output}"
        COMMAND "${CMAKE_COMMAND}" "-DOUTPUT=${output}" "-DINPUT=${file}" "-DFUNCTION=${function}"
                -P "${PROJECT_SOURCE_DIR}/cmake/generate_text.cmake"
        DEPENDS "${file}" "${PROJECT_SOURCE_DIR}/cmake/generate_text.cmake"
        COMMENT "Embedding ${file}"
        VERBATIM)
    add_library(${target} STATIC "${output}")
endfunction()
