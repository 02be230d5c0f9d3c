# SPDX-License-Identifier: Apache-2.0
# Checks of the sarif output by its real client (being written).
