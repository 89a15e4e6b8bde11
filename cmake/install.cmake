# Installing mamori like any other program (`make install`, `make package`):
#   bin/mamori
#   share/locale/ja/LC_MESSAGES/mamori.mo       the Japanese messages (found next to bin/,
#                                               generator/core/i18n.cc default_locale_dirs)
#   share/man/man1/mamori.1                     written from mamori's own --help (help2man)
#   share/bash-completion/completions/mamori    completion/mamori.bash
#   share/doc/mamori/                           README.md, ARCHITECTURE.md
# Nothing else: a build reads only the project folder (its mamori.toml, content/, quizzes/
# and themes/), so the theme and the sample content stay with the project, not the program.
include(GNUInstallDirs)

find_program(HELP2MAN help2man REQUIRED)
set(MAMORI_MAN_PAGE ${CMAKE_BINARY_DIR}/man/mamori.1)
add_custom_command(OUTPUT ${MAMORI_MAN_PAGE}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/man
  COMMAND ${PROJECT_SOURCE_DIR}/scripts/man-page $<TARGET_FILE:mamori> ${MAMORI_MAN_PAGE}
  DEPENDS mamori ${PROJECT_SOURCE_DIR}/scripts/man-page
  COMMENT "Writing the manual page from mamori's help (help2man)")
add_custom_target(man_page ALL DEPENDS ${MAMORI_MAN_PAGE})

install(TARGETS mamori RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES ${CMAKE_BINARY_DIR}/locale/ja/LC_MESSAGES/mamori.mo
        DESTINATION ${CMAKE_INSTALL_LOCALEDIR}/ja/LC_MESSAGES)
install(FILES ${MAMORI_MAN_PAGE} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${PROJECT_SOURCE_DIR}/completion/mamori.bash
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME mamori)
install(FILES ${PROJECT_SOURCE_DIR}/README.md ${PROJECT_SOURCE_DIR}/ARCHITECTURE.md DESTINATION ${CMAKE_INSTALL_DOCDIR})

# The Debian package (`make package`): the same files under /usr, its Depends worked out by
# dpkg-shlibdeps from the libraries the binary links (so it matches the build machine's
# Debian release). The maintainer is a placeholder until the portal has an owner address.
set(MAMORI_PACKAGE_MAINTAINER "Mamori maintainers <mamori@example.invalid>"
    CACHE STRING "The Maintainer field of the Debian package")
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME mamori)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DIRECTORY ${CMAKE_BINARY_DIR}/package)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "security awareness portal generator / セキュリティ教育ポータルの生成ツール")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "Builds an offline, static training portal on economic security and cyber security\n\
from Markdown pages, TOML quizzes and a contact table; checks its links, makes SCORM\n\
packages and reports who completed the training.\n\
.\n\
経済安全保障とサイバーセキュリティの教育ポータルを、Markdown のページと TOML の\n\
クイズと連絡先の表から静的サイトとして作ります。リンクの確認、SCORM パッケージの\n\
作成、受講状況の集計もできます。")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER ${MAMORI_PACKAGE_MAINTAINER})
set(CPACK_DEBIAN_PACKAGE_SECTION web)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SUGGESTS bash-completion)
include(CPack)
